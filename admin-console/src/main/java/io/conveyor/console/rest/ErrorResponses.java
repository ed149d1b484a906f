package io.conveyor.console.rest;

import static io.conveyor.console.rest.JsonProviders.JSON;

import io.conveyor.engine.api.ConflictException;
import io.conveyor.engine.api.NotFoundException;
import io.conveyor.engine.api.ValidationException;
import io.conveyor.engine.routing.NoSubscriptionException;
import jakarta.ejb.EJBException;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns service API exceptions into JSON error answers: {@code {"status":400,"error":"...","field":"..."}}.
 * 400 bad input (with the field; also a request body that ends before its announced length), 413 a request larger
 * than the HTTP listener takes, 404 unknown,
 * 409 conflict, 422 no subscriber, 500 anything else (logged).
 */
@Provider
public class ErrorResponses implements ExceptionMapper<Throwable> {

    private static final Logger LOG = Logger.getLogger(ErrorResponses.class.getName());
    /** What WildFly's web server throws when a request passes the listener's max-post-size. */
    private static final String REQUEST_TOO_BIG = "io.undertow.server.RequestTooBigException";
    private static final Pattern LIMIT = Pattern.compile("larger than (\\d+)");
    /** The system property that sets the HTTP listener's max-post-size (server/src/main/cli/conveyor.cli). */
    static final String MAX_REQUEST_BYTES_PROPERTY = "conveyor.http.maxRequestBytes";

    @Override
    public Response toResponse(Throwable thrown) {
        Throwable error = unwrap(thrown);
        Throwable tooLarge = causeNamed(thrown, REQUEST_TOO_BIG);
        if (tooLarge != null) {
            Matcher limit = LIMIT.matcher(String.valueOf(tooLarge.getMessage()));
            return answer(413, "the request is larger than this server takes"
                    + (limit.find() ? " (" + limit.group(1) + " bytes)" : "")
                    + "; the limit is the system property " + MAX_REQUEST_BYTES_PROPERTY
                    + " (see docs/operations.md), and a publication's body streams into the MessageBox", "body");
        }
        RequestBodyException unreadableBody = causeOfType(thrown, RequestBodyException.class);
        if (unreadableBody != null) {
            return answer(400, unreadableBody.getMessage(), "body");
        }
        if (error instanceof ValidationException validation) {
            return answer(400, validation.reason(), validation.field());
        }
        if (error instanceof NotFoundException) {
            return answer(404, error.getMessage(), null);
        }
        if (error instanceof ConflictException) {
            return answer(409, error.getMessage(), null);
        }
        if (error instanceof NoSubscriptionException) {
            return answer(422, error.getMessage(), null);
        }
        if (error instanceof WebApplicationException web) {
            return answer(web.getResponse().getStatus(), error.getMessage(), null);
        }
        LOG.log(Level.SEVERE, "request failed", error);
        return answer(500, error.getClass().getSimpleName() + ": " + error.getMessage(), null);
    }

    private static Throwable unwrap(Throwable error) {
        Throwable current = error;
        while (current instanceof EJBException && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }

    private static Throwable causeNamed(Throwable error, String className) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause.getClass().getName().equals(className)) {
                return cause;
            }
        }
        return null;
    }

    private static <T extends Throwable> T causeOfType(Throwable error, Class<T> type) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return type.cast(cause);
            }
        }
        return null;
    }

    static Response answer(int status, String message, String field) {
        JsonObjectBuilder body = JSON.createObjectBuilder().add("status", status).add("error", String.valueOf(message));
        if (field != null) {
            body.add("field", field);
        }
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(body.build()).build();
    }
}
