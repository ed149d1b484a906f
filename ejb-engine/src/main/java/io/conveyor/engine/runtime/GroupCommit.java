package io.conveyor.engine.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.ToIntFunction;

/**
 * Group commit: work that arrives while the MessageBox is busy with earlier work is applied together, in one
 * transaction, so under load one commit carries many units of work instead of one (commits are the MessageBox's
 * largest cost). Each unit keeps its own outcome: when any unit of a group fails, the group's transaction rolls back
 * and each of its units is applied again on its own, so one bad unit never fails another. One drainer at a time works
 * through the queue on the engine's threads; when it is idle a unit is applied at once.
 *
 * @param <T> a unit of work (a proxy batch, a publication)
 * @param <O> its outcome
 */
public final class GroupCommit<T, O> {

    /** How the MessageBox applies units of work. */
    public interface Applier<T, O> {
        /** Applies every unit in one transaction; their outcomes in order, or empty (nothing applied) if any failed. */
        Optional<List<O>> together(List<T> units);

        /** Applies one unit in its own transaction; never throws (an unreachable MessageBox is an outcome). */
        O alone(T unit);
    }

    private record Pending<T, O>(T unit, Consumer<O> whenApplied) {
    }

    private final Applier<T, O> applier;
    private final Executor executor;
    private final int maxWeight;
    private final ToIntFunction<T> weight;
    private final Queue<Pending<T, O>> queue = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean draining = new AtomicBoolean();

    /**
     * @param maxWeight most weight in one group (its units' weights summed, at least one unit per group)
     * @param weight    a unit's weight (the operations of a batch, say)
     */
    public GroupCommit(Applier<T, O> applier, Executor executor, int maxWeight, ToIntFunction<T> weight) {
        this.applier = applier;
        this.executor = executor;
        this.maxWeight = maxWeight;
        this.weight = weight;
    }

    /**
     * Queues a unit; {@code whenApplied} runs on an engine thread after its commit (or once it is known not applied).
     *
     * @throws RejectedExecutionException when the engine's threads take no more work (it is stopping) and the unit
     *                                    was not queued
     */
    public void submit(T unit, Consumer<O> whenApplied) {
        Pending<T, O> pending = new Pending<>(unit, whenApplied);
        queue.add(pending);
        try {
            startDrainer();
        } catch (RejectedExecutionException e) {
            if (queue.remove(pending)) {
                throw e;
            }
        }
    }

    private void startDrainer() {
        if (!queue.isEmpty() && draining.compareAndSet(false, true)) {
            try {
                executor.execute(this::drain);
            } catch (RejectedExecutionException e) {
                draining.set(false);
                throw e;
            }
        }
    }

    private void drain() {
        try {
            for (List<Pending<T, O>> group = nextGroup(); !group.isEmpty(); group = nextGroup()) {
                apply(group);
            }
        } finally {
            draining.set(false);
            startDrainer();
        }
    }

    /** The queued units up to {@code maxWeight} (at least one unit). */
    private List<Pending<T, O>> nextGroup() {
        List<Pending<T, O>> group = new ArrayList<>();
        int total = 0;
        for (Pending<T, O> next = queue.peek(); next != null; next = queue.peek()) {
            int unitWeight = weight.applyAsInt(next.unit());
            if (!group.isEmpty() && total + unitWeight > maxWeight) {
                break;
            }
            group.add(queue.poll());
            total += unitWeight;
        }
        return group;
    }

    private void apply(List<Pending<T, O>> group) {
        List<T> units = group.stream().map(Pending::unit).toList();
        List<O> outcomes = units.size() == 1 ? List.of(applier.alone(units.get(0)))
                : applier.together(units).orElseGet(() -> units.stream().map(applier::alone).toList());
        for (int i = 0; i < group.size(); i++) {
            group.get(i).whenApplied().accept(outcomes.get(i));
        }
    }
}
