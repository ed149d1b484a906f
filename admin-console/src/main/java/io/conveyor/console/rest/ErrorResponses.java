package io.conveyor.console.rest;

import static io.conveyor.console.rest.JsonProviders.JSON;

import io.conveyor.engine.api.ConflictException;
import io.conveyor.engine.api.NotFoundException;
import io.conveyor.engine.api.ValidationException;
import io.conveyor.engine.ports.SecretText;
import io.conveyor.engine.routing.NoSubscriptionException;
import jakarta.ejb.EJBException;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Turns service API exceptions into JSON error answers: {@code {"status":400,"error":"...","field":"..."}}.
 * 400 bad input (with the field; also a request body that ends before its announced length), 413 a request body
 * larger than {@link RequestSizeLimit} allows, 404 unknown,
 * 409 conflict, 422 no subscriber, 500 anything else (logged).
 */
@Provider
public class ErrorResponses implements ExceptionMapper<Throwable> {

    private static final Logger LOG = Logger.getLogger(ErrorResponses.class.getName());

    @Override
    public Response toResponse(Throwable thrown) {
        Throwable error = unwrap(thrown);
        RequestTooLargeException tooLarge = causeOfType(thrown, RequestTooLargeException.class);
        if (tooLarge != null) {
            return answer(413, tooLarge.getMessage(), "body");
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
        return answer(500, SecretText.scrub(error.getClass().getSimpleName() + ": " + error.getMessage(), List.of()), null);
    }

    private static Throwable unwrap(Throwable error) {
        Throwable current = error;
        while (current instanceof EJBException && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
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
