package io.conveyor.adapter;

/**
 * The engine is stopping ({@code BTS_E_MESSAGING_SHUTTING_DOWN}, contract §1.5, §2.9, L15): thrown by
 * {@link TransportProxy#getBatch} and {@link TransportBatch#done}. No callback will come for the batch, so
 * decrement your in-flight count; do not retry, a {@link TransportControl#terminate} is probably under way.
 */
public class MessagingShuttingDownException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    public MessagingShuttingDownException(String message) {
        super(message);
    }
}
