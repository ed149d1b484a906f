package io.conveyor.engine.proxy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Group commit for non-transactional proxy batches (contract §3.2): the batches that arrive while the MessageBox is
 * busy are applied together, in one transaction, so under load a commit carries many batches instead of one (the
 * benchmark found commits to be the engine's largest cost). Each batch stays all-or-nothing: when any batch of a group
 * fails, the group's transaction rolls back and each of its batches is applied again on its own, so one bad batch
 * never fails another. One drainer at a time works through the queue; when it is idle a batch is applied at once.
 */
final class BatchGroups {

    /** How the MessageBox applies batches. */
    interface Applier {
        /** Applies every batch in one transaction; empty (and nothing applied) when any of them failed. */
        Optional<List<BatchOutcome>> together(List<PendingBatch> batches);

        /** Applies one batch in its own transaction; never throws (an unreachable MessageBox is an outcome). */
        BatchOutcome alone(PendingBatch batch);
    }

    private final Applier applier;
    private final Executor executor;
    private final int maxOperationsPerGroup;
    private final Queue<PendingBatch> queue = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean draining = new AtomicBoolean();

    BatchGroups(Applier applier, Executor executor, int maxOperationsPerGroup) {
        this.applier = applier;
        this.executor = executor;
        this.maxOperationsPerGroup = maxOperationsPerGroup;
    }

    /**
     * Queues a batch; its {@code whenApplied} runs on an engine thread after its commit.
     *
     * @throws RejectedExecutionException when the engine's threads take no more work (it is stopping) and the batch
     *                                    was not queued
     */
    void submit(PendingBatch batch) {
        queue.add(batch);
        try {
            startDrainer();
        } catch (RejectedExecutionException e) {
            if (queue.remove(batch)) {
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
            for (List<PendingBatch> group = nextGroup(); !group.isEmpty(); group = nextGroup()) {
                apply(group);
            }
        } finally {
            draining.set(false);
            startDrainer();
        }
    }

    /** The queued batches up to {@code maxOperationsPerGroup} operations (at least one batch). */
    private List<PendingBatch> nextGroup() {
        List<PendingBatch> group = new ArrayList<>();
        int operations = 0;
        for (PendingBatch next = queue.peek(); next != null; next = queue.peek()) {
            if (!group.isEmpty() && operations + next.operations().size() > maxOperationsPerGroup) {
                break;
            }
            group.add(queue.poll());
            operations += next.operations().size();
        }
        return group;
    }

    private void apply(List<PendingBatch> group) {
        List<BatchOutcome> outcomes = group.size() == 1 ? List.of(applier.alone(group.get(0)))
                : applier.together(group).orElseGet(() -> group.stream().map(applier::alone).toList());
        for (int i = 0; i < group.size(); i++) {
            group.get(i).whenApplied().accept(outcomes.get(i));
        }
    }
}
