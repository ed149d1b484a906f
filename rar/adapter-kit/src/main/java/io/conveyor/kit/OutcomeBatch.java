package io.conveyor.kit;

import io.conveyor.adapter.BatchCallback;
import io.conveyor.adapter.Message;
import io.conveyor.adapter.MessageStatus;
import io.conveyor.adapter.OperationStatus;
import io.conveyor.adapter.OperationType;
import io.conveyor.adapter.StatusCode;
import io.conveyor.adapter.SystemProperties;
import io.conveyor.adapter.TransportBatch;
import io.conveyor.adapter.TransportProxy;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Reports the outcomes of messages an adapter owns (it answered {@code false}) through proxy batches, and sees
 * each one through to a durable disposition (contract §3.3, §4.2, §4.4; modelled on the batch classes of BizTalk's SDK
 * samples).
 *
 * <p>Add outcomes with {@link #delivered}, {@link #responded} and {@link #failed}, then {@link #send()}. A failed message is resubmitted
 * after its {@link SystemProperties#RETRY_INTERVAL} while {@link SystemProperties#RETRY_COUNT} is above zero, else
 * moved to the backup transport. When the engine rejects a batch, the callback issues a fresh one: innocent
 * operations again, and each guilty one one step further down the ladder
 * (resubmit → next transport → suspended queue; a failed delete or suspension cannot be helped and is reported
 * through {@link TransportProxy#setErrorInfo}). It keeps going until every message is settled.
 *
 * <p>In-flight accounting: every message added must have been counted once with {@link InFlightCounter#enter()};
 * this class calls {@link InFlightCounter#leave()} once per message when it is settled (no operation on it is left
 * to issue), including when the engine
 * is shutting down and no callback will come (L16). An instance is for one use: build, {@code send}, forget.
 *
 * <p>{@link #whenSettled} runs an action once every message of the batch is settled or abandoned, for what must live
 * until the engine has the outcomes: a file behind a response's part, say.
 */
public final class OutcomeBatch {

    /** How many times a batch the engine could not apply at all (no operation to blame) is issued again. */
    static final int MAX_UNAPPLIED_RETRIES = 3;

    private final TransportProxy proxy;
    private final InFlightCounter inFlight;
    private final Clock clock;
    private final List<Operation> operations = new ArrayList<>();
    private final List<Runnable> settledActions = new CopyOnWriteArrayList<>();
    private final AtomicInteger unsettled = new AtomicInteger();

    public OutcomeBatch(TransportProxy proxy, InFlightCounter inFlight, Clock clock) {
        this.proxy = proxy;
        this.inFlight = inFlight;
        this.clock = clock;
    }

    /** The message was transmitted: delete it. */
    public OutcomeBatch delivered(Message message) {
        operations.add(new Operation(OperationType.DELETE, message, null));
        return this;
    }

    /**
     * A solicit-response exchange completed: publish the response and delete the solicit in one batch, so both
     * happen or neither (contract §5, R2). If the engine refuses the response, the solicit is suspended instead
     * (R6). The response's parts must be re-readable (made by the proxy's message factory): a failed batch is
     * issued again.
     */
    public OutcomeBatch responded(Message solicit, Message response) {
        operations.add(new Operation(OperationType.SUBMIT, solicit, response));
        operations.add(new Operation(OperationType.DELETE, solicit, null));
        return this;
    }

    /** Transmission failed: retry later while retries remain, else the backup transport. */
    public OutcomeBatch failed(Message message, Throwable cause) {
        message.setErrorInfo(cause);
        operations.add(new Operation(retriesLeft(message) > 0 ? OperationType.RESUBMIT
                : OperationType.MOVE_TO_NEXT_TRANSPORT, message, null));
        return this;
    }

    /**
     * Runs {@code action} once, when every message of this batch is settled or abandoned: no operation on any of them
     * is left to issue, so the engine reads nothing more the outcomes refer to. It runs on the thread that settles the
     * last message, before that message leaves the in-flight count; an exception it throws goes to
     * {@link TransportProxy#setErrorInfo}. Call it before {@link #send()}.
     */
    public OutcomeBatch whenSettled(Runnable action) {
        settledActions.add(action);
        return this;
    }

    /** Whether nothing was added. */
    public boolean isEmpty() {
        return operations.isEmpty();
    }

    /** Hands the outcomes to the engine; returns at once, the rest happens in callbacks. */
    public void send() {
        List<Operation> all = List.copyOf(operations);
        operations.clear();
        unsettled.set(messagesOf(all).size());
        if (all.isEmpty()) {
            runSettledActions();
        }
        submit(all, 0);
    }

    private void submit(List<Operation> batchOperations, int unappliedRetries) {
        if (batchOperations.isEmpty()) {
            return;
        }
        try {
            TransportBatch batch = proxy.getBatch(new Retrier(batchOperations, unappliedRetries), null);
            for (Operation operation : batchOperations) {
                add(batch, operation);
            }
            batch.done();
        } catch (RuntimeException e) {
            abandon(batchOperations, e);
        }
    }

    private void add(TransportBatch batch, Operation operation) {
        Message message = operation.message();
        switch (operation.type()) {
            case DELETE -> batch.deleteMessage(message);
            case RESUBMIT -> batch.resubmit(message, clock.instant().plus(Duration.ofMinutes(retryInterval(message))));
            case MOVE_TO_NEXT_TRANSPORT -> batch.moveToNextTransport(message);
            case MOVE_TO_SUSPEND_Q -> batch.moveToSuspendQ(message);
            case SUBMIT -> batch.submitResponseMessage(message, operation.response());
        }
    }

    /**
     * The engine did not take the batch (it is shutting down, or refused it): no callback will come. The messages stay
     * leased in the MessageBox and are delivered again later.
     */
    private void abandon(List<Operation> batchOperations, RuntimeException cause) {
        proxy.setErrorInfo(new IllegalStateException("could not report the outcome of " + batchOperations.size()
                + " message(s); the engine will deliver them again: " + cause.getMessage(), cause));
        messagesOf(batchOperations).forEach(message -> settleOne());
    }

    /** One more message has no operation left to issue. */
    private void settleOne() {
        if (unsettled.decrementAndGet() == 0) {
            runSettledActions();
        }
        inFlight.leave();
    }

    private void runSettledActions() {
        for (Runnable action : settledActions) {
            try {
                action.run();
            } catch (RuntimeException e) {
                proxy.setErrorInfo(new IllegalStateException("cleaning up after an outcome batch failed: "
                        + e.getMessage(), e));
            }
        }
    }

    /** The messages the operations concern, each once: in-flight accounting is per message. */
    private static List<Message> messagesOf(List<Operation> operations) {
        return operations.stream().map(Operation::message).distinct().toList();
    }

    private static int retriesLeft(Message message) {
        Object value = message.context().read(SystemProperties.RETRY_COUNT, SystemProperties.NAMESPACE);
        return value instanceof Number number ? number.intValue() : 0;
    }

    private static int retryInterval(Message message) {
        Object value = message.context().read(SystemProperties.RETRY_INTERVAL, SystemProperties.NAMESPACE);
        return value instanceof Number number ? number.intValue() : 0;
    }

    /** One operation; {@code response} is set for the response of a solicit-response exchange. */
    private record Operation(OperationType type, Message message, Message response) {
    }

    /**
     * Settles a completed batch, or issues the next one after a failure. A batch that failed with no operation to
     * blame (the engine could not apply it) is issued again at most {@value #MAX_UNAPPLIED_RETRIES} times, then
     * abandoned: the messages stay leased and the engine delivers them again.
     */
    private final class Retrier implements BatchCallback {
        private final List<Operation> batchOperations;
        private final int unappliedRetries;

        Retrier(List<Operation> batchOperations, int unappliedRetries) {
            this.batchOperations = batchOperations;
            this.unappliedRetries = unappliedRetries;
        }

        @Override
        public void batchComplete(StatusCode status, List<OperationStatus> statuses, Object cookie) {
            if (status.isSuccess()) {
                messagesOf(batchOperations).forEach(message -> settleOne());
                return;
            }
            Map<OperationType, List<MessageStatus>> byType = new EnumMap<>(OperationType.class);
            statuses.forEach(s -> byType.put(s.type(), s.messages()));
            Map<OperationType, Integer> seen = new EnumMap<>(OperationType.class);
            List<Operation> next = new ArrayList<>();
            List<Message> refusedResponses = new ArrayList<>();
            boolean guilty = false;
            for (Operation operation : batchOperations) {
                int index = seen.merge(operation.type(), 1, Integer::sum) - 1;
                List<MessageStatus> ofType = byType.getOrDefault(operation.type(), List.of());
                MessageStatus own = index < ofType.size() ? ofType.get(index) : null;
                if (own == null || own.status().isSuccess()) {
                    next.add(operation);
                } else {
                    guilty = true;
                    escalate(operation, own, next, refusedResponses);
                }
            }
            next.removeIf(operation -> operation.type() == OperationType.DELETE
                    && refusedResponses.contains(operation.message()));
            List<Message> stillOpen = messagesOf(next);
            messagesOf(batchOperations).stream().filter(message -> !stillOpen.contains(message))
                    .forEach(message -> settleOne());
            if (guilty) {
                submit(next, 0);
            } else if (unappliedRetries < MAX_UNAPPLIED_RETRIES) {
                submit(next, unappliedRetries + 1);
            } else {
                abandon(next, new IllegalStateException("the engine could not apply the batch " + (unappliedRetries + 1)
                        + " times (" + status + ")"));
            }
        }

        private void escalate(Operation operation, MessageStatus own, List<Operation> next, List<Message> refusedResponses) {
            switch (operation.type()) {
                case RESUBMIT -> next.add(new Operation(OperationType.MOVE_TO_NEXT_TRANSPORT, operation.message(), null));
                case MOVE_TO_NEXT_TRANSPORT -> next.add(new Operation(OperationType.MOVE_TO_SUSPEND_Q, operation.message(), null));
                case SUBMIT -> {
                    operation.message().setErrorInfo(new IllegalStateException("the response could not be published: "
                            + own.status() + " " + own.detail()));
                    refusedResponses.add(operation.message());
                    next.add(new Operation(OperationType.MOVE_TO_SUSPEND_Q, operation.message(), null));
                }
                default -> proxy.setErrorInfo(new IllegalStateException(operation.type() + " of message "
                        + own.messageId() + " failed with " + own.status() + ": " + own.detail()));
            }
        }
    }
}
