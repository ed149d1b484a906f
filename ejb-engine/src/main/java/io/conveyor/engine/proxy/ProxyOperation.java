package io.conveyor.engine.proxy;

import io.conveyor.adapter.Message;
import io.conveyor.adapter.OperationType;
import java.time.Instant;

/**
 * One operation an adapter added to a proxy batch.
 *
 * @param message  the message operated on (for a response: the solicit)
 * @param response for a solicit-response response: the response to publish; otherwise {@code null}
 * @param at       for a resubmit: when to deliver again
 */
public record ProxyOperation(OperationType type, Message message, Message response, Instant at) {

    /** The message this operation's status is reported for. */
    public Message reported() {
        return response != null ? response : message;
    }
}
