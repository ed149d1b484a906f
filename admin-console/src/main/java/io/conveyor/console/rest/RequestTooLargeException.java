package io.conveyor.console.rest;

import java.io.IOException;

/** A request body went past {@code conveyor.http.maxRequestBytes} as it was read: answered 413, nothing kept. */
final class RequestTooLargeException extends IOException {

    private static final long serialVersionUID = 1L;

    RequestTooLargeException(long limit) {
        super(describe(limit));
    }

    /** The answer's error text: the limit, and how to raise it. */
    static String describe(long limit) {
        return "the request body is larger than " + limit + " bytes, the most this server takes; raise the system "
                + "property " + RequestSizeLimit.PROPERTY + " (docs/operations.md). A publication's body streams into "
                + "the MessageBox, so a larger limit costs no memory";
    }
}
