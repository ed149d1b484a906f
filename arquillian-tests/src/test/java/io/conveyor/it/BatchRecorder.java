package io.conveyor.it;

import io.conveyor.adapter.BatchCallback;
import io.conveyor.adapter.OperationStatus;
import io.conveyor.adapter.StatusCode;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A {@link BatchCallback} that records every completion, with the calling thread, for assertions. */
public final class BatchRecorder implements BatchCallback {

    /** One completion. */
    public record Completion(StatusCode status, List<OperationStatus> operations, Object cookie, String thread) {
    }

    private final List<Completion> completions = new CopyOnWriteArrayList<>();

    @Override
    public void batchComplete(StatusCode status, List<OperationStatus> operations, Object cookie) {
        completions.add(new Completion(status, operations, cookie, Thread.currentThread().getName()));
    }

    public List<Completion> completions() {
        return List.copyOf(completions);
    }

    public boolean completed() {
        return !completions.isEmpty();
    }

    /** The only completion; fails if there is none or more than one. */
    public Completion single() {
        if (completions.size() != 1) {
            throw new AssertionError("expected exactly one completion, got " + completions.size());
        }
        return completions.get(0);
    }
}
