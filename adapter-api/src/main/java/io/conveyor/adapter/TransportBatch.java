package io.conveyor.adapter;

import jakarta.transaction.Transaction;
import java.time.Instant;

/**
 * A proxy batch (contract §2.10 {@code IBTTransportBatch}, §3.2): the adapter adds operations, then calls
 * {@link #done()}; nothing happens before that.
 *
 * <p><b>Atomic.</b> The engine applies all operations of a batch in one MessageBox transaction: if any operation
 * fails, none takes effect (P4). It then calls the batch's {@link BatchCallback} exactly once, on an engine
 * thread, with the overall status and a status per operation type and per message, in the order the operations
 * were added (P1, P3, P5). Operations of any kind may be mixed in one batch (P10), and deletes need not follow the
 * grouping of the engine batch the messages came in.
 *
 * <p>The message passed to an operation must be a message the engine delivered to this adapter (or, for
 * {@link #submitMessage} and the response of {@link #submitResponseMessage}, one made by the
 * {@link MessageFactory}); the engine finds the delivery by {@link SystemProperties#TRANSMIT_WORK_ID}, so a copy
 * with the same context works too. A message whose delivery lease was lost (the server was presumed dead and
 * the message handed out again) fails its operation with {@link StatusCode#LEASE_LOST}.
 *
 * <p>Release a batch promptly: {@code done} and {@code clear} free it, and {@link #close()} clears a batch that
 * was never completed.
 */
public interface TransportBatch extends AutoCloseable {

    /** The adapter is finished with the message (it was transmitted): remove it from the MessageBox (S4). */
    void deleteMessage(Message message);

    /**
     * Puts the message back for redelivery to this transport at the given time, normally now plus
     * {@link SystemProperties#RETRY_INTERVAL} minutes. Consumes one retry: the redelivered message's
     * {@link SystemProperties#RETRY_COUNT} is one less (F3). Fails with {@link StatusCode#RETRIES_EXHAUSTED} when
     * no retry is left. Attach the cause with {@link Message#setErrorInfo} first.
     */
    void resubmit(Message message, Instant deliverAt);

    /**
     * Hands the message to its send port's backup transport. Fails with {@link StatusCode#NO_BACKUP_TRANSPORT}
     * when there is none or the message is already on it (P7).
     */
    void moveToNextTransport(Message message);

    /**
     * Suspends the message with the error attached by {@link Message#setErrorInfo}, resumable unless the context
     * says {@link SystemProperties#SUSPEND_AS_NON_RESUMABLE} (§8.5).
     */
    void moveToSuspendQ(Message message);

    /**
     * Publishes the response of a solicit-response exchange, correlated to its solicit message (§5). Put the
     * {@link #deleteMessage deletion} of the solicit in the same batch so both happen together or not at all.
     * Accepted after {@link TransportControl#terminate} was called (L14).
     */
    void submitResponseMessage(Message solicit, Message response);

    /**
     * Publishes a new message into the MessageBox, routed like any publication. Refused with
     * {@link StatusCode#SHUTTING_DOWN} after the adapter was asked to terminate (L14).
     */
    void submitMessage(Message message);

    /**
     * Hands the batch to the engine, which processes it asynchronously and then calls the callback (P2).
     * Implies {@link #clear()} of the adapter's handle.
     *
     * @throws MessagingShuttingDownException when the engine is stopping; no callback will come (L15, L16)
     * @throws IllegalStateException          when the batch was already completed or cleared
     */
    void done();

    /**
     * Like {@link #done()}, but the engine does the batch's MessageBox work inside the adapter's transaction,
     * which must be active on the calling thread (§3.4). The work is done before this method returns and the
     * callback reports whether it could be done; if an operation fails the transaction is marked rollback-only,
     * so the batch stays atomic. Commit or roll back afterwards, then call the returned {@link CommitConfirm}
     * (T1–T5).
     */
    CommitConfirm done(Transaction transaction);

    /** Discards the operations added so far; no callback is made (P11). */
    void clear();

    /** Clears the batch if it was neither done nor cleared. */
    @Override
    void close();
}
