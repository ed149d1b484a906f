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
import java.util.Set;

/**
 * {@code /api/suspended}: the suspended queue. {@code GET} queries it (by port, adapter, error text, suspension time),
 * {@code GET /count} counts what such a query matches;
 * {@code POST /resume} and {@code POST /terminate} act on up to 2047 work items named in {@code {"ids": [...]}}, or on
 * every one a query matches, {@code {"query": {"port", "adapter", "error", "from", "to"}}}, recorded in the audit trail
 * with the caller's name.
 */
@RequestScoped
@Path("/suspended")
@Produces(MediaType.APPLICATION_JSON)
public class SuspendedResource {

    private static final Set<String> REQUEST_FIELDS = Set.of("ids", "query");
    private static final Set<String> QUERY_FIELDS = Set.of("port", "adapter", "error", "from", "to");

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

    @RolesAllowed({Roles.VIEWER, Roles.OPERATOR, Roles.ADMIN})
    @GET
    @Path("/count")
    public Response count(@QueryParam("port") String port, @QueryParam("adapter") String adapter,
                          @QueryParam("error") String error, @QueryParam("from") String from, @QueryParam("to") String to) {
        return Response.ok(JSON.createObjectBuilder().add("count", suspended.count(new SuspendedQueue.Query(port,
                adapter, error, QueryParameters.instant(from, "from"), QueryParameters.instant(to, "to"), 1))).build())
                .build();
    }

    @RolesAllowed({Roles.OPERATOR, Roles.ADMIN})
    @POST
    @Path("/resume")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response resume(String body, @Context SecurityContext caller) {
        Actor actor = Actor.of(caller.getUserPrincipal());
        JsonObject request = request(body);
        return Response.ok(request.containsKey("query") ? bulk(suspended.resumeMatching(actor, query(request)))
                : results(suspended.resume(actor, ids(request)))).build();
    }

    @RolesAllowed({Roles.OPERATOR, Roles.ADMIN})
    @POST
    @Path("/terminate")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response terminate(String body, @Context SecurityContext caller) {
        Actor actor = Actor.of(caller.getUserPrincipal());
        JsonObject request = request(body);
        return Response.ok(request.containsKey("query") ? bulk(suspended.terminateMatching(actor, query(request)))
                : results(suspended.terminate(actor, ids(request)))).build();
    }

    /** The request: {@code ids} or {@code query}, exactly one of them. */
    private static JsonObject request(String body) {
        JsonObject json = JsonBodies.object(body, "body");
        for (String field : json.keySet()) {
            if (!REQUEST_FIELDS.contains(field)) {
                throw new ValidationException(field, "unknown field; expected ids or query");
            }
        }
        if (json.size() != 1) {
            throw new ValidationException("ids", "give either ids or query, exactly one of them");
        }
        return json;
    }

    /** The filters of {@code query}, as {@code GET} takes them; an empty object matches the whole suspended queue. */
    private static SuspendedQueue.Query query(JsonObject request) {
        if (!(request.get("query") instanceof JsonObject query)) {
            throw new ValidationException("query", "must be an object with port, adapter, error, from, to");
        }
        for (String field : query.keySet()) {
            if (!QUERY_FIELDS.contains(field)) {
                throw new ValidationException("query." + field, "unknown field; expected port, adapter, error, from, to");
            }
            if (query.get(field).getValueType() != JsonValue.ValueType.STRING
                    && query.get(field).getValueType() != JsonValue.ValueType.NULL) {
                throw new ValidationException("query." + field, "must be a string");
            }
        }
        return new SuspendedQueue.Query(QueryParameters.text(query.getString("port", null)),
                QueryParameters.text(query.getString("adapter", null)),
                QueryParameters.text(query.getString("error", null)),
                QueryParameters.instant(query.getString("from", null), "query.from"),
                QueryParameters.instant(query.getString("to", null), "query.to"), SuspendedMessages.BATCH);
    }

    private static List<String> ids(JsonObject json) {
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

    private static JsonObject bulk(SuspendedMessages.BulkResult result) {
        JsonArrayBuilder refusals = JSON.createArrayBuilder();
        result.refusals().forEach(refusal -> refusals.add(JSON.createObjectBuilder()
                .add("workItemId", refusal.workItemId()).add("reason", refusal.reason())));
        return JSON.createObjectBuilder().add("matched", result.matched()).add("applied", result.applied())
                .add("refused", result.refused()).add("refusals", refusals).build();
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
