package io.conveyor.engine.proxy;

import io.conveyor.adapter.TransportProxy;
import io.conveyor.engine.adapters.ProxyLifecycle;
import io.conveyor.engine.adapters.TransportProxyFactory;
import io.conveyor.engine.dispatch.DispatchSignals;
import io.conveyor.engine.messagebox.LeaseKeeper;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.transaction.TransactionManager;

/**
 * What every transport proxy needs from the engine (dependent scope: its fields are read directly), and the maker of
 * the proxies the adapter host gives its adapter instances.
 */
@Dependent
public class ProxyServices implements TransportProxyFactory {

    @Inject
    ProxyBatchProcessor processor;
    @Inject
    ProxyBatchQueue queue;
    @Inject
    LeaseKeeper leases;
    @Inject
    DispatchSignals signals;
    @Resource(lookup = "java:jboss/ee/concurrency/executor/default")
    ManagedExecutorService engineThreads;
    @Resource(lookup = "java:/TransactionManager")
    TransactionManager transactionManager;

    @Override
    public TransportProxy proxyFor(ProxyLifecycle adapter) {
        return new EngineTransportProxy(this, adapter);
    }
}
