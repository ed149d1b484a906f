package io.conveyor.kit;

import jakarta.resource.spi.work.Work;
import jakarta.resource.spi.work.WorkException;
import jakarta.resource.spi.work.WorkManager;
import java.util.function.Consumer;

/**
 * Runs an adapter's I/O on the connector's JCA {@link WorkManager} (design principle 2: engine threads never do
 * adapter I/O). A failure to schedule, or an exception escaping a task, goes to the error handler (normally
 * {@code proxy::setErrorInfo}) instead of vanishing.
 */
public final class WorkQueue {

    private final WorkManager workManager;
    private final Consumer<Throwable> errorHandler;

    public WorkQueue(WorkManager workManager, Consumer<Throwable> errorHandler) {
        this.workManager = workManager;
        this.errorHandler = errorHandler;
    }

    /**
     * Schedules the task without waiting for it to start.
     *
     * @throws WorkException when the WorkManager refuses the work (the caller still owns what the task would have done)
     */
    public void submit(Runnable task) throws WorkException {
        workManager.scheduleWork(new Work() {
            @Override
            public void run() {
                try {
                    task.run();
                } catch (RuntimeException | Error e) {
                    errorHandler.accept(e);
                }
            }

            @Override
            public void release() {
                // the task has no blocking state to release
            }
        });
    }
}
