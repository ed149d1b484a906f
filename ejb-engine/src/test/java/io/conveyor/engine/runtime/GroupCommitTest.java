package io.conveyor.engine.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

class GroupCommitTest {

    /** A unit of work: its name and weight (the operations of a batch, say). */
    private record Unit(String name, int weight) {
    }

    /** Runs submitted tasks only when the test says so, so what forms a group is decided by the test. */
    private final Queue<Runnable> engineThreads = new ArrayDeque<>();
    private final Executor executor = engineThreads::add;
    private final List<List<String>> together = new ArrayList<>();
    private final List<String> alone = new ArrayList<>();
    private final Map<String, String> outcomes = new ConcurrentHashMap<>();
    private final Set<String> failing = Collections.newSetFromMap(new ConcurrentHashMap<>());

    private final GroupCommit.Applier<Unit, String> applier = new GroupCommit.Applier<>() {
        @Override
        public Optional<List<String>> together(List<Unit> units) {
            together.add(units.stream().map(Unit::name).toList());
            if (units.stream().anyMatch(unit -> failing.contains(unit.name()))) {
                return Optional.empty();
            }
            return Optional.of(units.stream().map(unit -> "applied").toList());
        }

        @Override
        public String alone(Unit unit) {
            alone.add(unit.name());
            return failing.contains(unit.name()) ? "refused" : "applied";
        }
    };

    @Test
    @DisplayName("units that arrive while the MessageBox is busy are applied in one group, each gets its own outcome")
    void queuedUnitsShareOneTransaction() {
        GroupCommit<Unit, String> groups = groups(1000);
        submit(groups, "a", 20);
        submit(groups, "b", 20);
        submit(groups, "c", 20);

        runEngineThreads();

        assertThat(together).containsExactly(List.of("a", "b", "c"));
        assertThat(alone).isEmpty();
        assertThat(outcomes).containsOnlyKeys("a", "b", "c").allSatisfy((name, outcome) -> assertThat(outcome).isEqualTo("applied"));
    }

    @Test
    @DisplayName("when one unit of a group fails, every unit of the group is applied alone: only the bad one fails")
    void oneBadUnitFailsNoOther() {
        GroupCommit<Unit, String> groups = groups(1000);
        failing.add("bad");
        submit(groups, "good", 5);
        submit(groups, "bad", 5);
        submit(groups, "also-good", 5);

        runEngineThreads();

        assertThat(together).containsExactly(List.of("good", "bad", "also-good"));
        assertThat(alone).containsExactly("good", "bad", "also-good");
        assertThat(outcomes).containsEntry("good", "applied").containsEntry("also-good", "applied")
                .containsEntry("bad", "refused");
    }

    @Test
    @DisplayName("a group weighs at most the configured weight; a lone unit is applied without grouping")
    void groupsAreBoundedByWeight() {
        GroupCommit<Unit, String> groups = groups(50);
        submit(groups, "a", 30);
        submit(groups, "b", 20);
        submit(groups, "c", 30);

        runEngineThreads();

        assertThat(together).containsExactly(List.of("a", "b"));
        assertThat(alone).containsExactly("c");
        assertThat(outcomes).containsOnlyKeys("a", "b", "c");
    }

    @Test
    @DisplayName("one drainer at a time: a unit submitted while it runs waits for it and is applied by it or the next")
    void oneDrainerAtATime() {
        GroupCommit<Unit, String> groups = groups(1000);
        submit(groups, "first", 1);
        submit(groups, "second", 1);
        assertThat(engineThreads).hasSize(1);

        runEngineThreads();
        submit(groups, "later", 1);
        runEngineThreads();

        assertThat(together).containsExactly(List.of("first", "second"));
        assertThat(alone).containsExactly("later");
    }

    @Test
    @DisplayName("when the engine's threads refuse work, the unit is not kept and the caller hears of it")
    void refusedWhenTheEngineStops() {
        GroupCommit<Unit, String> groups = new GroupCommit<>(applier, task -> {
            throw new RejectedExecutionException("stopping");
        }, 1000, Unit::weight);

        assertThatThrownBy(() -> submit(groups, "late", 1)).isInstanceOf(RejectedExecutionException.class);
        assertThat(together).isEmpty();
        assertThat(alone).isEmpty();
    }

    private GroupCommit<Unit, String> groups(int maxWeight) {
        return new GroupCommit<>(applier, executor, maxWeight, Unit::weight);
    }

    private void submit(GroupCommit<Unit, String> groups, String name, int weight) {
        groups.submit(new Unit(name, weight), outcome -> outcomes.put(name, outcome));
    }

    private void runEngineThreads() {
        for (Runnable task = engineThreads.poll(); task != null; task = engineThreads.poll()) {
            task.run();
        }
    }
}
