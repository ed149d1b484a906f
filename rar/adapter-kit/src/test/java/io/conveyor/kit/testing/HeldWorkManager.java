package io.conveyor.kit.testing;

import jakarta.resource.spi.work.ExecutionContext;
import jakarta.resource.spi.work.Work;
import jakarta.resource.spi.work.WorkException;
import jakarta.resource.spi.work.WorkListener;
import jakarta.resource.spi.work.WorkManager;
import jakarta.resource.spi.work.WorkRejectedException;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A JCA WorkManager that holds the works scheduled with {@link #scheduleWork(Work)} until the test runs them on its
 * own thread with {@link #runAll()}, so a test decides exactly when queued work happens; told to, it refuses new works
 * as a full WorkManager does. Only {@code scheduleWork(Work)} is supported: the other methods throw
 * {@link UnsupportedOperationException}.
 */
public final class HeldWorkManager implements WorkManager {

    /** The works scheduled and not yet run, oldest first. */
    public final Queue<Work> scheduled = new ConcurrentLinkedQueue<>();
    private volatile boolean refusing;

    /** From now on refuses ({@code true}) or accepts ({@code false}) new works. */
    public void refusing(boolean refusing) {
        this.refusing = refusing;
    }

    /** Runs the works held, and those they schedule, on the calling thread until none is left. */
    public void runAll() {
        for (Work work = scheduled.poll(); work != null; work = scheduled.poll()) {
            work.run();
        }
    }

    @Override
    public void scheduleWork(Work work) throws WorkException {
        if (refusing) {
            throw new WorkRejectedException("full");
        }
        scheduled.add(work);
    }

    @Override
    public void scheduleWork(Work work, long startTimeout, ExecutionContext context, WorkListener listener) {
        throw unsupported();
    }

    @Override
    public void doWork(Work work) {
        throw unsupported();
    }

    @Override
    public void doWork(Work work, long startTimeout, ExecutionContext context, WorkListener listener) {
        throw unsupported();
    }

    @Override
    public long startWork(Work work) {
        throw unsupported();
    }

    @Override
    public long startWork(Work work, long startTimeout, ExecutionContext context, WorkListener listener) {
        throw unsupported();
    }

    private static UnsupportedOperationException unsupported() {
        return new UnsupportedOperationException("HeldWorkManager only holds works given to scheduleWork(Work)");
    }
}
