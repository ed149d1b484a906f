package io.conveyor.kit.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.conveyor.adapter.BatchCallback;
import io.conveyor.adapter.MessageFactory;
import io.conveyor.adapter.MessagingShuttingDownException;
import io.conveyor.adapter.TransportBatch;
import io.conveyor.adapter.TransportProxy;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The engine's transport proxy: records every proxy batch handed to it with {@code done}. An acknowledging
 * proxy reports success at once; with a manual one the test answers each batch itself. A shutting-down proxy
 * refuses to open batches, a refusing one throws from {@code done}, as the engine does while it stops.
 */
public final class RecordingProxy implements TransportProxy {

    /** How long {@link #next()} waits for a proxy batch. */
    public static final long WAIT_SECONDS = 10;

    /** How the engine answers the batches. */
    private enum Answer { ACKNOWLEDGE, MANUAL, REFUSE_BATCH, REFUSE_DONE }

    public final BlockingQueue<RecordedBatch> completed = new LinkedBlockingQueue<>();
    public final List<Throwable> errors = new CopyOnWriteArrayList<>();
    public final CompletableFuture<Void> firstError = new CompletableFuture<>();
    private final Answer answer;
    private final MessageFactory messageFactory = new TestMessageFactory();

    private RecordingProxy(Answer answer) {
        this.answer = answer;
    }

    public static RecordingProxy acknowledging() {
        return new RecordingProxy(Answer.ACKNOWLEDGE);
    }

    public static RecordingProxy manual() {
        return new RecordingProxy(Answer.MANUAL);
    }

    /** Opens no batch: {@code getBatch} throws. */
    public static RecordingProxy shuttingDown() {
        return new RecordingProxy(Answer.REFUSE_BATCH);
    }

    /** Opens batches but refuses them at {@code done}. */
    public static RecordingProxy refusingDone() {
        return new RecordingProxy(Answer.REFUSE_DONE);
    }

    @Override
    public TransportBatch getBatch(BatchCallback callback, Object cookie) {
        Objects.requireNonNull(callback, "callback");
        if (answer == Answer.REFUSE_BATCH) {
            throw new MessagingShuttingDownException("the engine is stopping");
        }
        return new RecordedBatch(this, callback, cookie);
    }

    @Override
    public MessageFactory messageFactory() {
        return messageFactory;
    }

    @Override
    public void setErrorInfo(Throwable error) {
        errors.add(error);
        firstError.complete(null);
    }

    /** The next proxy batch the adapter completed, waiting for it with a timeout. */
    public RecordedBatch next() throws InterruptedException {
        RecordedBatch batch = completed.poll(WAIT_SECONDS, TimeUnit.SECONDS);
        assertThat(batch).as("a proxy batch within %d s", WAIT_SECONDS).isNotNull();
        return batch;
    }

    public void assertNoMoreBatches() {
        assertThat(completed).as("proxy batches nobody expected").isEmpty();
    }

    /** Called by a batch at {@code done}: records it and answers as configured. */
    void completed(RecordedBatch batch) {
        if (answer == Answer.REFUSE_DONE) {
            throw new MessagingShuttingDownException("the engine is stopping");
        }
        completed.add(batch);
        if (answer == Answer.ACKNOWLEDGE) {
            batch.acknowledge();
        }
    }
}
