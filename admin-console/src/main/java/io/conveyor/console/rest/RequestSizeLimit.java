package io.conveyor.console.rest;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.ext.Provider;

/**
 * Bounds every request body of the API by {@code conveyor.http.maxRequestBytes} (default 10 MiB): a request whose
 * {@code Content-Length} says more is answered 413 before it is read; a body that streams past the limit stops being
 * read there ({@link RequestTooLargeException}, answered 413). A publication's body streams into the MessageBox, so
 * raising the limit costs no memory; the other bodies (port definitions, bindings) are read whole.
 */
@Provider
@PreMatching
public class RequestSizeLimit implements ContainerRequestFilter {

    /** The system property that sets the limit, in bytes. */
    static final String PROPERTY = "conveyor.http.maxRequestBytes";
    /** The limit when the property is not set. */
    static final long DEFAULT_BYTES = 10L << 20;

    @Override
    public void filter(ContainerRequestContext request) {
        long limit = limit();
        if (announcedLength(request) > limit) {
            request.abortWith(ErrorResponses.answer(413, RequestTooLargeException.describe(limit), "body"));
            return;
        }
        request.setEntityStream(new LimitedInputStream(request.getEntityStream(), limit));
    }

    /**
     * The body's length as its {@code Content-Length} announces it; -1 when absent or malformed (WildFly's listener
     * refuses a malformed one before it gets here).
     */
    private static long announcedLength(ContainerRequestContext request) {
        String announced = request.getHeaderString("Content-Length");
        try {
            return announced == null || announced.isBlank() ? -1 : Long.parseLong(announced.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** The limit now: a malformed or non-positive value falls back to the default. */
    static long limit() {
        try {
            long value = Long.parseLong(System.getProperty(PROPERTY, Long.toString(DEFAULT_BYTES)).trim());
            return value > 0 ? value : DEFAULT_BYTES;
        } catch (NumberFormatException e) {
            return DEFAULT_BYTES;
        }
    }
}
