package io.conveyor.console.rest;

import static io.conveyor.console.rest.JsonProviders.JSON;

import io.conveyor.engine.api.ConflictException;
import io.conveyor.engine.api.NotFoundException;
import io.conveyor.engine.api.ValidationException;
import io.conveyor.engine.ports.SecretText;
import io.conveyor.engine.routing.NoSubscriptionException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJBException;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Turns service API exceptions into JSON error answers: {@code {"status":400,"error":"...","field":"..."}}.
 * 400 bad input (with the field; also a request body that ends before its announced length), 413 a request body
 * larger than {@link RequestSizeLimit} allows, 404 unknown,
 * 403 a caller without a role the operation allows (naming the roles), 409 conflict, 422 no subscriber, 500 anything
 * else (logged). A request without valid credentials never gets here: the server answers it 401.
 */
@Provider
public class ErrorResponses implements ExceptionMapper<Throwable> {

    private static final Logger LOG = Logger.getLogger(ErrorResponses.class.getName());

    @Context
    ResourceInfo resource;
    @Context
    SecurityContext security;

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
        if (error instanceof ForbiddenException) {
            return answer(403, forbidden(), null);
        }
        if (error instanceof WebApplicationException web) {
            return answer(web.getResponse().getStatus(), error.getMessage(), null);
        }
        LOG.log(Level.SEVERE, "request failed", error);
        return answer(500, SecretText.scrub(error.getClass().getSimpleName() + ": " + error.getMessage(), List.of()), null);
    }

    /** Why a role check refused the caller: who it is and which roles the operation needs. */
    private String forbidden() {
        RolesAllowed allowed = resource.getResourceMethod() == null ? null
                : resource.getResourceMethod().getAnnotation(RolesAllowed.class);
        String user = security.getUserPrincipal() == null ? "this user" : "user " + security.getUserPrincipal().getName();
        return allowed == null ? user + " may not do this"
                : user + " has none of the roles this operation needs: " + String.join(", ", allowed.value());
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
