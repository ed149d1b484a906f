package io.conveyor.kit;

import jakarta.resource.spi.work.Work;
import jakarta.resource.spi.work.WorkException;
import jakarta.resource.spi.work.WorkManager;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Runs an adapter's I/O on the connector's JCA {@link WorkManager} (principle 2 in {@code docs/principles.md}: engine
 * threads never do adapter I/O), through at most {@value #DEFAULT_WORKERS} works at a time that take tasks from a queue
 * of their own. So a burst of tasks (an HTTP client's completions under load, say) waits in that queue instead of being
 * refused by a full WorkManager, which would fail deliveries that never went wrong (found by the benchmark). A failure
 * to schedule when no work of this queue is running, or an exception escaping a task, goes to the caller or the error
 * handler (normally {@code proxy::setErrorInfo}) instead of vanishing.
 */
public final class WorkQueue {

    /** Most works one queue keeps on the WorkManager at once. */
    public static final int DEFAULT_WORKERS = 16;

    private final WorkManager workManager;
    private final Consumer<Throwable> errorHandler;
    private final int maxWorkers;
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final AtomicInteger workers = new AtomicInteger();
    private final Work worker = new Work() {
        @Override
        public void run() {
            drain();
        }

        @Override
        public void release() {
            // the tasks have no blocking state to release
        }
    };

    public WorkQueue(WorkManager workManager, Consumer<Throwable> errorHandler) {
        this(workManager, errorHandler, DEFAULT_WORKERS);
    }

    public WorkQueue(WorkManager workManager, Consumer<Throwable> errorHandler, int maxWorkers) {
        this.workManager = workManager;
        this.errorHandler = errorHandler;
        this.maxWorkers = maxWorkers;
    }

    /**
     * Queues the task without waiting for it to start.
     *
     * @throws WorkException when the WorkManager refuses the work and no work of this queue is running to take the
     *                       task (then it is not kept: the caller still owns what the task would have done)
     */
    public void submit(Runnable task) throws WorkException {
        tasks.add(task);
        if (!acquireWorker()) {
            return;
        }
        try {
            workManager.scheduleWork(worker);
        } catch (WorkException e) {
            workers.decrementAndGet();
            if (workers.get() == 0 && tasks.remove(task)) {
                throw e;
            }
        }
    }

    /** Runs queued tasks until none is left; a worker that finds new tasks after it stopped carries on. */
    private void drain() {
        do {
            for (Runnable task = tasks.poll(); task != null; task = tasks.poll()) {
                try {
                    task.run();
                } catch (RuntimeException | Error e) {
                    errorHandler.accept(e);
                }
            }
            workers.decrementAndGet();
        } while (!tasks.isEmpty() && acquireWorker());
    }

    private boolean acquireWorker() {
        for (int current = workers.get(); current < maxWorkers; current = workers.get()) {
            if (workers.compareAndSet(current, current + 1)) {
                return true;
            }
        }
        return false;
    }
}
