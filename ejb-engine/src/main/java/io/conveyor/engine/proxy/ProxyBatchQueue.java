package io.conveyor.engine.proxy;

import io.conveyor.engine.runtime.GroupCommit;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Where non-transactional proxy batches go after {@code done()}: applied to the MessageBox in groups on the engine's
 * threads ({@link GroupCommit}), at most {@value #MAX_OPERATIONS_PER_GROUP} operations per transaction; each batch
 * stays all or nothing (send-adapter contract §3.2 in {@code docs/send-adapter-contract.md}).
 */
@ApplicationScoped
public class ProxyBatchQueue {

    static final int MAX_OPERATIONS_PER_GROUP = 1000;

    private static final Logger LOG = Logger.getLogger(ProxyBatchQueue.class.getName());

    @Inject
    ProxyBatchProcessor processor;
    @Resource(lookup = "java:jboss/ee/concurrency/executor/default")
    ManagedExecutorService engineThreads;

    private GroupCommit<PendingBatch, BatchOutcome> groups;

    @PostConstruct
    void createGroups() {
        groups = new GroupCommit<>(new GroupCommit.Applier<>() {
            @Override
            public Optional<List<BatchOutcome>> together(List<PendingBatch> batches) {
                try {
                    return processor.processTogether(batches);
                } catch (RuntimeException e) {
                    LOG.log(Level.FINE, "a group of " + batches.size() + " proxy batches failed; applying them one by one", e);
                    return Optional.empty();
                }
            }

            @Override
            public BatchOutcome alone(PendingBatch batch) {
                try {
                    return processor.process(batch.adapterType(), batch.operations(), batch.acceptSubmissions());
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "proxy batch of adapter " + batch.adapterType() + " failed", e);
                    return BatchOutcome.notApplied(batch.operations(), "the MessageBox could not apply the batch: " + e.getMessage());
                }
            }
        }, engineThreads, MAX_OPERATIONS_PER_GROUP, batch -> batch.operations().size());
    }

    /**
     * Queues a batch for the MessageBox.
     *
     * @throws java.util.concurrent.RejectedExecutionException when the engine is stopping and the batch was not queued
     */
    public void submit(PendingBatch batch) {
        groups.submit(batch, batch.whenApplied());
    }
}
