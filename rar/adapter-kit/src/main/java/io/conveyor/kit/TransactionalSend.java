package io.conveyor.kit;

import io.conveyor.adapter.BatchCallback;
import io.conveyor.adapter.CommitConfirm;
import io.conveyor.adapter.Message;
import io.conveyor.adapter.MessageStatus;
import io.conveyor.adapter.OperationStatus;
import io.conveyor.adapter.StatusCode;
import io.conveyor.adapter.TransportBatch;
import io.conveyor.adapter.TransportProxy;
import jakarta.transaction.Status;
import jakarta.transaction.Transaction;
import jakarta.transaction.TransactionManager;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Sends messages to a transactional (XA) target in the same JTA transaction as their MessageBox outcomes (contract
 * §3.4; the exactly-once path). For a batch: begin a transaction, let a {@link Session} write each message to the
 * target (and make its response, for a two-way port), report the deletions and responses in a proxy batch done under
 * the transaction, commit. If the transaction fails, each message is tried again in a transaction of its own; one
 * that still fails gets the failure ladder in a separate, non-transactional proxy batch (T3), so a bad message never
 * holds back the others and is never half-written. Call it on the connector's WorkManager, never on an engine thread.
 */
public final class TransactionalSend {

    /** How long to wait for the engine's answer to a proxy batch done under the transaction. */
    static final Duration CALLBACK_TIMEOUT = Duration.ofSeconds(60);

    /** The target's side of one transaction: resources opened for it, enlisted in it, closed after it. */
    public interface Session extends AutoCloseable {

        /**
         * Writes one message to the target.
         *
         * @return the response to publish for a solicit-response message, or {@code null}
         */
        Message process(Message message) throws Exception;
    }

    /** Opens a session inside the current transaction. */
    @FunctionalInterface
    public interface SessionFactory {
        Session open() throws Exception;
    }

    private final TransportProxy proxy;
    private final InFlightCounter inFlight;
    private final Clock clock;
    private final TransactionManager transactions;
    private final SessionFactory sessions;

    public TransactionalSend(TransportProxy proxy, InFlightCounter inFlight, Clock clock, TransactionManager transactions,
                             SessionFactory sessions) {
        this.proxy = proxy;
        this.inFlight = inFlight;
        this.clock = clock;
        this.transactions = transactions;
        this.sessions = sessions;
    }

    /** Sends the messages (each counted in flight once); every one ends committed, or with its failure disposition. */
    public void send(List<Message> messages) {
        Exception failure = inTransaction(messages);
        if (failure == null) {
            messages.forEach(message -> inFlight.leave());
            return;
        }
        if (messages.size() > 1) {
            messages.forEach(message -> send(List.of(message)));
            return;
        }
        new OutcomeBatch(proxy, inFlight, clock).failed(messages.get(0), failure).send();
    }

    /** Runs one transaction; returns why it did not commit, or {@code null}. */
    private Exception inTransaction(List<Message> messages) {
        Transaction transaction = null;
        try {
            transactions.begin();
            transaction = transactions.getTransaction();
            CompletableFuture<String> refusal = new CompletableFuture<>();
            BatchCallback callback = (status, operations, cookie) ->
                    refusal.complete(status.isSuccess() ? "" : reasonOf(status, operations));
            TransportBatch batch = proxy.getBatch(callback, null);
            try (Session session = sessions.open()) {
                for (Message message : messages) {
                    Message response = session.process(message);
                    if (response != null) {
                        batch.submitResponseMessage(message, response);
                    }
                    batch.deleteMessage(message);
                }
            }
            CommitConfirm confirm = batch.done(transaction);
            String refused = refusal.get(CALLBACK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            if (!refused.isEmpty()) {
                throw new IllegalStateException("the engine refused the outcomes, so the transaction is rolled back: "
                        + refused);
            }
            transactions.commit();
            confirm.confirm(transaction, true);
            return null;
        } catch (Exception e) {
            rollback(transaction);
            return e;
        }
    }

    /** The engine's own words for a refused batch: the first failed message's detail, else the first detail given. */
    private static String reasonOf(StatusCode status, List<OperationStatus> operations) {
        List<MessageStatus> statuses = operations.stream().flatMap(operation -> operation.messages().stream()).toList();
        return statuses.stream().filter(message -> message.status() != StatusCode.OK).map(MessageStatus::detail)
                .filter(Objects::nonNull).findFirst()
                .or(() -> statuses.stream().map(MessageStatus::detail).filter(Objects::nonNull).findFirst())
                .orElse("batch status " + status);
    }

    private void rollback(Transaction transaction) {
        try {
            if (transaction != null && transactions.getStatus() != Status.STATUS_NO_TRANSACTION) {
                transactions.rollback();
            }
        } catch (Exception e) {
            proxy.setErrorInfo(new IllegalStateException("could not roll back the transaction: " + e.getMessage(), e));
        }
    }
}
