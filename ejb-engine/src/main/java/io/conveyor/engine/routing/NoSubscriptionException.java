package io.conveyor.engine.routing;

import jakarta.ejb.ApplicationException;

/**
 * No enlisted send port subscribes to a published message (BizTalk's routing failure). Nothing was stored; the
 * publisher must fix the message's properties or the ports' filters. The REST API answers it with 422.
 */
@ApplicationException(rollback = true)
public class NoSubscriptionException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public NoSubscriptionException(String message) {
        super(message);
    }
}
