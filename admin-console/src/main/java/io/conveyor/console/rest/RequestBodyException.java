package io.conveyor.console.rest;

import java.io.IOException;

/**
 * The request body could not be read as the client announced it (the connection closed before {@code Content-Length}
 * bytes came, say): the client's fault, answered 400, and nothing of the publication is kept.
 */
final class RequestBodyException extends IOException {

    private static final long serialVersionUID = 1L;

    RequestBodyException(IOException cause) {
        super("the request body could not be read to its end: " + cause.getMessage(), cause);
    }
}
