package io.conveyor.engine.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.conveyor.adapter.Message;
import io.conveyor.adapter.MessageStatus;
import io.conveyor.adapter.OperationType;
import io.conveyor.adapter.StatusCode;
import io.conveyor.engine.messagebox.EngineMessageFactory;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class BatchGroupsTest {

    private static final EngineMessageFactory FACTORY = new EngineMessageFactory();

    /** Runs submitted tasks only when the test says so, so what forms a group is decided by the test. */
    private final Queue<Runnable> engineThreads = new ArrayDeque<>();
    private final Executor executor = engineThreads::add;
    private final List<List<String>> together = new ArrayList<>();
    private final List<String> alone = new ArrayList<>();
    private final Map<String, BatchOutcome> outcomes = new ConcurrentHashMap<>();
    private final Set<String> failing = Collections.newSetFromMap(new ConcurrentHashMap<>());

    private final BatchGroups.Applier applier = new BatchGroups.Applier() {
        @Override
        public Optional<List<BatchOutcome>> together(List<PendingBatch> batches) {
            together.add(batches.stream().map(BatchGroupsTest::name).toList());
            if (batches.stream().anyMatch(b -> failing.contains(name(b)))) {
                return Optional.empty();
            }
            return Optional.of(batches.stream().map(b -> outcome(b, StatusCode.OK)).toList());
        }

        @Override
        public BatchOutcome alone(PendingBatch batch) {
            alone.add(name(batch));
            return outcome(batch, failing.contains(name(batch)) ? StatusCode.INVALID_ARGUMENT : StatusCode.OK);
        }
    };

    @Test
    @DisplayName("batches that arrive while the MessageBox is busy are applied in one group, each gets its own outcome")
    void queuedBatchesShareOneTransaction() {
        BatchGroups groups = new BatchGroups(applier, executor, 1000);
        groups.submit(batch("a", 20));
        groups.submit(batch("b", 20));
        groups.submit(batch("c", 20));

        runEngineThreads();

        assertThat(together).containsExactly(List.of("a", "b", "c"));
        assertThat(alone).isEmpty();
        assertThat(outcomes).containsOnlyKeys("a", "b", "c").allSatisfy((name, outcome) -> assertThat(outcome.status()).isEqualTo(StatusCode.OK));
    }

    @Test
    @DisplayName("when one batch of a group fails, every batch of the group is applied alone: only the bad one fails")
    void oneBadBatchFailsNoOther() {
        BatchGroups groups = new BatchGroups(applier, executor, 1000);
        failing.add("bad");
        groups.submit(batch("good", 5));
        groups.submit(batch("bad", 5));
        groups.submit(batch("also-good", 5));

        runEngineThreads();

        assertThat(together).containsExactly(List.of("good", "bad", "also-good"));
        assertThat(alone).containsExactly("good", "bad", "also-good");
        assertThat(outcomes.get("good").status()).isEqualTo(StatusCode.OK);
        assertThat(outcomes.get("also-good").status()).isEqualTo(StatusCode.OK);
        assertThat(outcomes.get("bad").status()).isEqualTo(StatusCode.INVALID_ARGUMENT);
    }

    @Test
    @DisplayName("a group holds at most the configured number of operations; a lone batch is applied without grouping")
    void groupsAreBoundedBySize() {
        BatchGroups groups = new BatchGroups(applier, executor, 50);
        groups.submit(batch("a", 30));
        groups.submit(batch("b", 20));
        groups.submit(batch("c", 30));

        runEngineThreads();

        assertThat(together).containsExactly(List.of("a", "b"));
        assertThat(alone).containsExactly("c");
        assertThat(outcomes).containsOnlyKeys("a", "b", "c");
    }

    @Test
    @DisplayName("one drainer at a time: a batch submitted while it runs waits for it and is applied by it or the next")
    void oneDrainerAtATime() {
        BatchGroups groups = new BatchGroups(applier, executor, 1000);
        groups.submit(batch("first", 1));
        groups.submit(batch("second", 1));
        assertThat(engineThreads).hasSize(1);

        runEngineThreads();
        groups.submit(batch("later", 1));
        runEngineThreads();

        assertThat(together).containsExactly(List.of("first", "second"));
        assertThat(alone).containsExactly("later");
    }

    @Test
    @DisplayName("when the engine's threads refuse work, the batch is not kept and the caller hears of it")
    void refusedWhenTheEngineStops() {
        BatchGroups groups = new BatchGroups(applier, task -> {
            throw new RejectedExecutionException("stopping");
        }, 1000);

        assertThatThrownBy(() -> groups.submit(batch("late", 1))).isInstanceOf(RejectedExecutionException.class);
        assertThat(together).isEmpty();
        assertThat(alone).isEmpty();
    }

    private void runEngineThreads() {
        for (Runnable task = engineThreads.poll(); task != null; task = engineThreads.poll()) {
            task.run();
        }
    }

    private PendingBatch batch(String name, int deletions) {
        List<ProxyOperation> operations = new ArrayList<>();
        for (int i = 0; i < deletions; i++) {
            Message message = FACTORY.createMessage();
            message.context().write("Batch", "", name);
            operations.add(new ProxyOperation(OperationType.DELETE, message, null, null));
        }
        return new PendingBatch("TEST", operations, true, outcome -> outcomes.put(name, outcome));
    }

    private static String name(PendingBatch batch) {
        return batch.operations().get(0).message().context().readString("Batch", "");
    }

    private static BatchOutcome outcome(PendingBatch batch, StatusCode status) {
        return BatchOutcome.of(batch.operations(), batch.operations().stream()
                .map(o -> new MessageStatus(o.message().messageId(), status, status.isSuccess() ? null : "refused")).toList(),
                List.of(), Set.of());
    }
}
