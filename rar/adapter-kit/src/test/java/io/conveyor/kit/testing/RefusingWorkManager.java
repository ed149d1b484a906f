package io.conveyor.kit.testing;

import jakarta.resource.spi.work.ExecutionContext;
import jakarta.resource.spi.work.Work;
import jakarta.resource.spi.work.WorkException;
import jakarta.resource.spi.work.WorkListener;
import jakarta.resource.spi.work.WorkManager;
import jakarta.resource.spi.work.WorkRejectedException;

/** A WorkManager with no capacity left. */
public final class RefusingWorkManager implements WorkManager {
    @Override
    public void doWork(Work work) throws WorkException {
        throw new WorkRejectedException("no threads");
    }

    @Override
    public void doWork(Work work, long startTimeout, ExecutionContext context, WorkListener listener)
            throws WorkException {
        throw new WorkRejectedException("no threads");
    }

    @Override
    public long startWork(Work work) throws WorkException {
        throw new WorkRejectedException("no threads");
    }

    @Override
    public long startWork(Work work, long startTimeout, ExecutionContext context, WorkListener listener)
            throws WorkException {
        throw new WorkRejectedException("no threads");
    }

    @Override
    public void scheduleWork(Work work) throws WorkException {
        throw new WorkRejectedException("no threads");
    }

    @Override
    public void scheduleWork(Work work, long startTimeout, ExecutionContext context, WorkListener listener)
            throws WorkException {
        throw new WorkRejectedException("no threads");
    }
}
