package io.conveyor.engine.proxy;

import io.conveyor.engine.dispatch.DispatchSignals;
import io.conveyor.engine.dispatch.LeaseKeeper;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.transaction.TransactionManager;

/** What every transport proxy needs from the engine (dependent scope: its fields are read directly). */
@Dependent
public class ProxyServices {

    @Inject
    ProxyBatchProcessor processor;
    @Inject
    ProxyBatchCommitter committer;
    @Inject
    LeaseKeeper leases;
    @Inject
    DispatchSignals signals;
    @Resource(lookup = "java:jboss/ee/concurrency/executor/default")
    ManagedExecutorService engineThreads;
    @Resource(lookup = "java:/TransactionManager")
    TransactionManager transactionManager;
}
