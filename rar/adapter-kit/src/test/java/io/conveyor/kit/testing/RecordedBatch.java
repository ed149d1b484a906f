package io.conveyor.kit.testing;

import io.conveyor.adapter.BatchCallback;
import io.conveyor.adapter.CommitConfirm;
import io.conveyor.adapter.Message;
import io.conveyor.adapter.MessageStatus;
import io.conveyor.adapter.OperationStatus;
import io.conveyor.adapter.OperationType;
import io.conveyor.adapter.StatusCode;
import io.conveyor.adapter.TransportBatch;
import jakarta.transaction.Transaction;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A proxy batch made by a {@link RecordingProxy}: records the operations added, and lets the test answer it. */
public final class RecordedBatch implements TransportBatch {

    /** One operation the adapter added; {@code deliverAt} is set for a resubmit, {@code response} for a response. */
    public record Operation(OperationType type, Message message, Instant deliverAt, Message response) {
    }

    public final List<Operation> operations = new ArrayList<>();
    private final RecordingProxy proxy;
    private final BatchCallback callback;
    private final Object cookie;
    private boolean finished;

    RecordedBatch(RecordingProxy proxy, BatchCallback callback, Object cookie) {
        this.proxy = proxy;
        this.callback = callback;
        this.cookie = cookie;
    }

    @Override
    public void deleteMessage(Message message) {
        add(OperationType.DELETE, message, null, null);
    }

    @Override
    public void resubmit(Message message, Instant deliverAt) {
        add(OperationType.RESUBMIT, message, deliverAt, null);
    }

    @Override
    public void moveToNextTransport(Message message) {
        add(OperationType.MOVE_TO_NEXT_TRANSPORT, message, null, null);
    }

    @Override
    public void moveToSuspendQ(Message message) {
        add(OperationType.MOVE_TO_SUSPEND_Q, message, null, null);
    }

    @Override
    public void submitResponseMessage(Message solicit, Message response) {
        add(OperationType.SUBMIT, solicit, null, response);
    }

    @Override
    public void submitMessage(Message message) {
        throw new UnsupportedOperationException("this batch records no published messages");
    }

    private void add(OperationType type, Message message, Instant deliverAt, Message response) {
        if (finished) {
            throw new IllegalStateException("batch already completed");
        }
        operations.add(new Operation(type, message, deliverAt, response));
    }

    @Override
    public void done() {
        if (finished) {
            throw new IllegalStateException("batch already completed");
        }
        finished = true;
        proxy.completed(this);
    }

    @Override
    public CommitConfirm done(Transaction transaction) {
        throw new UnsupportedOperationException("this batch is not transactional");
    }

    @Override
    public void clear() {
        finished = true;
    }

    @Override
    public void close() {
        finished = true;
    }

    /** "TYPE messageId" for every operation, in the order added. */
    public List<String> describe() {
        return operations.stream().map(o -> o.type() + " " + o.message().messageId()).toList();
    }

    /** The engine applied the batch. */
    public void acknowledge() {
        callback.batchComplete(StatusCode.OK, statuses(Map.of()), cookie);
    }

    /** The engine rolled the batch back; the given messages' operations are the guilty ones. */
    public void fail(Map<Message, StatusCode> guilty) {
        callback.batchComplete(StatusCode.FAILED, statuses(guilty), cookie);
    }

    private List<OperationStatus> statuses(Map<Message, StatusCode> guilty) {
        Map<OperationType, List<MessageStatus>> byType = new LinkedHashMap<>();
        for (Operation operation : operations) {
            StatusCode status = guilty.getOrDefault(operation.message(), StatusCode.OK);
            byType.computeIfAbsent(operation.type(), t -> new ArrayList<>()).add(new MessageStatus(
                    operation.message().messageId(), status, status.isSuccess() ? "" : "refused by the test"));
        }
        List<OperationStatus> result = new ArrayList<>();
        byType.forEach((type, statuses) -> result.add(new OperationStatus(type, statuses.stream()
                .map(MessageStatus::status).filter(s -> !s.isSuccess()).findFirst().orElse(StatusCode.OK),
                statuses)));
        return result;
    }
}
