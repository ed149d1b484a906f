package io.conveyor.console.rest;

import static io.conveyor.console.rest.JsonProviders.JSON;

import io.conveyor.engine.admin.Actor;
import io.conveyor.engine.admin.SuspendedMessages;
import io.conveyor.engine.api.ValidationException;
import io.conveyor.engine.messagebox.SuspendedQueue;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code /api/suspended}: the suspended queue. {@code GET} queries it (by port, adapter, error text, suspension time);
 * {@code POST /resume} and {@code POST /terminate} act on up to 2047 work items named in {@code {"ids": [...]}}, recorded
 * in the audit trail with the caller's name.
 */
@RequestScoped
@Path("/suspended")
@Produces(MediaType.APPLICATION_JSON)
public class SuspendedResource {

    @Inject
    SuspendedMessages suspended;

    @RolesAllowed({Roles.VIEWER, Roles.OPERATOR, Roles.ADMIN})
    @GET
    public Response find(@QueryParam("port") String port, @QueryParam("adapter") String adapter,
                         @QueryParam("error") String error, @QueryParam("from") String from, @QueryParam("to") String to,
                         @QueryParam("limit") String limit) {
        return Response.ok(JsonViews.workItems(suspended.find(new SuspendedQueue.Query(port, adapter, error,
                QueryParameters.instant(from, "from"), QueryParameters.instant(to, "to"), QueryParameters.limit(limit))))
                .build()).build();
    }

    @RolesAllowed({Roles.OPERATOR, Roles.ADMIN})
    @POST
    @Path("/resume")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response resume(String body, @Context SecurityContext caller) {
        return Response.ok(results(suspended.resume(Actor.of(caller.getUserPrincipal()), ids(body)))).build();
    }

    @RolesAllowed({Roles.OPERATOR, Roles.ADMIN})
    @POST
    @Path("/terminate")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response terminate(String body, @Context SecurityContext caller) {
        return Response.ok(results(suspended.terminate(Actor.of(caller.getUserPrincipal()), ids(body)))).build();
    }

    private static List<String> ids(String body) {
        JsonObject json = JsonBodies.object(body, "body");
        for (String field : json.keySet()) {
            if (!field.equals("ids")) {
                throw new ValidationException(field, "unknown field; expected ids");
            }
        }
        JsonValue value = json.get("ids");
        if (value == null || value.getValueType() != JsonValue.ValueType.ARRAY) {
            throw new ValidationException("ids", "must be an array of work item identities");
        }
        List<String> ids = new ArrayList<>();
        for (JsonValue id : value.asJsonArray()) {
            if (!(id instanceof JsonString text)) {
                throw new ValidationException("ids", "must contain strings only");
            }
            ids.add(text.getString());
        }
        return ids;
    }

    private static JsonObject results(List<SuspendedQueue.ControlResult> results) {
        JsonArrayBuilder array = JSON.createArrayBuilder();
        for (SuspendedQueue.ControlResult result : results) {
            array.add(JSON.createObjectBuilder().add("workItemId", result.workItemId()).add("applied", result.applied())
                    .add("reason", result.reason()));
        }
        return JSON.createObjectBuilder().add("results", array).build();
    }

}
