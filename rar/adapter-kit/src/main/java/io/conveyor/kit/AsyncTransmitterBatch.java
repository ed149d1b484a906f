package io.conveyor.kit;

import io.conveyor.adapter.BatchBegin;
import io.conveyor.adapter.CommitConfirm;
import io.conveyor.adapter.Message;
import io.conveyor.adapter.TransmitterBatch;
import java.util.ArrayList;
import java.util.List;

/**
 * The engine batch of a non-blocking, batch-aware adapter (contract §2.7; named after
 * {@code AsyncTransmitterBatch} of BizTalk's SDK samples): it accepts up to {@code maxBatchSize} messages, each counted
 * in flight and answered {@code false}, and at {@code done} hands them all to the adapter's {@link Dispatch}, which
 * sends them off the engine's thread and reports their outcomes later (with an {@link OutcomeBatch}, say). If the
 * dispatch throws, or the engine calls {@code clear}, the messages leave the in-flight count again and the engine
 * applies its failure policy to them.
 */
public final class AsyncTransmitterBatch implements TransmitterBatch {

    /** What the adapter does with a completed batch; it now owns every message's outcome. */
    @FunctionalInterface
    public interface Dispatch {
        void dispatch(List<Message> messages) throws Exception;
    }

    private final InFlightCounter inFlight;
    private final int maxBatchSize;
    private final Dispatch dispatch;
    private final List<Message> messages = new ArrayList<>();

    public AsyncTransmitterBatch(InFlightCounter inFlight, int maxBatchSize, Dispatch dispatch) {
        this.inFlight = inFlight;
        this.maxBatchSize = maxBatchSize;
        this.dispatch = dispatch;
    }

    @Override
    public BatchBegin beginBatch() {
        return BatchBegin.of(maxBatchSize);
    }

    @Override
    public boolean transmitMessage(Message message) {
        if (!inFlight.enter()) {
            throw new IllegalStateException("the adapter is terminating and takes no new messages");
        }
        messages.add(message);
        return false;
    }

    @Override
    public void done(CommitConfirm commitConfirm) throws Exception {
        List<Message> batch = List.copyOf(messages);
        messages.clear();
        try {
            dispatch.dispatch(batch);
        } catch (Exception e) {
            batch.forEach(message -> inFlight.leave());
            throw e;
        }
    }

    @Override
    public void clear() {
        messages.forEach(message -> inFlight.leave());
        messages.clear();
    }
}
