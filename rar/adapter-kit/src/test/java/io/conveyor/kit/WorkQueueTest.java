package io.conveyor.kit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.conveyor.kit.testing.HeldWorkManager;
import jakarta.resource.spi.work.WorkException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** WorkQueue bounds its works on the WorkManager, runs every task once, and reports refusals and failures. */
class WorkQueueTest {

    private final HeldWorkManager workManager = new HeldWorkManager();
    private final List<Throwable> errors = new ArrayList<>();
    private final List<Integer> ran = new ArrayList<>();

    @Test
    @DisplayName("more tasks than workers: at most the limit is on the WorkManager, and every task runs once, in order")
    void tasksBeyondTheLimitWaitInTheQueue() throws WorkException {
        WorkQueue queue = new WorkQueue(workManager, errors::add, 2);
        for (int i = 0; i < 5; i++) {
            int task = i;
            queue.submit(() -> ran.add(task));
        }
        assertThat(workManager.scheduled).hasSize(2);

        workManager.runAll();

        assertThat(ran).containsExactly(0, 1, 2, 3, 4);
        assertThat(errors).isEmpty();
    }

    @Test
    @DisplayName("a full WorkManager refuses nothing while a worker of the queue is pending: it takes the task")
    void refusalIsAbsorbedWhileAWorkerRuns() throws WorkException {
        WorkQueue queue = new WorkQueue(workManager, errors::add, 2);
        queue.submit(() -> ran.add(1));
        workManager.refusing(true);

        queue.submit(() -> ran.add(2));
        workManager.runAll();

        assertThat(ran).containsExactly(1, 2);
    }

    @Test
    @DisplayName("refused with no worker running: the caller gets the WorkException and the task is not run later")
    void refusalWithNoWorkerGoesToTheCaller() throws WorkException {
        WorkQueue queue = new WorkQueue(workManager, errors::add, 2);
        workManager.refusing(true);

        assertThatThrownBy(() -> queue.submit(() -> ran.add(1))).isInstanceOf(WorkException.class);
        workManager.refusing(false);
        queue.submit(() -> ran.add(2));
        workManager.runAll();

        assertThat(ran).containsExactly(2);
    }

    @Test
    @DisplayName("a task that throws goes to the error handler and the worker carries on with the next")
    void failingTaskIsReported() throws WorkException {
        WorkQueue queue = new WorkQueue(workManager, errors::add, 1);
        queue.submit(() -> {
            throw new IllegalStateException("boom");
        });
        queue.submit(() -> ran.add(2));

        workManager.runAll();

        assertThat(errors).singleElement().satisfies(e -> assertThat(e).hasMessage("boom"));
        assertThat(ran).containsExactly(2);
    }
}
