package io.conveyor.console.rest;

import static io.conveyor.console.rest.JsonProviders.JSON;

import io.conveyor.engine.api.ValidationException;
import io.conveyor.engine.messagebox.MessageBoxQueries;
import io.conveyor.engine.messagebox.WorkItemState;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Arrays;
import java.util.Locale;

/** {@code /api/work-items}: messages on their way to send ports, newest first, by port and state; and their counts. */
@RequestScoped
@Path("/work-items")
@Produces(MediaType.APPLICATION_JSON)
public class WorkItemsResource {

    @Inject
    MessageBoxQueries queries;

    @RolesAllowed({Roles.VIEWER, Roles.OPERATOR, Roles.ADMIN})
    @GET
    public Response list(@QueryParam("port") String port, @QueryParam("state") String state,
                         @QueryParam("limit") String limit) {
        return Response.ok(JsonViews.workItems(queries.workItems(port, state(state), QueryParameters.limit(limit))).build()).build();
    }

    /**
     * {@code GET /api/work-items/counts}: the backlog, as {@code {"messages": n, "ports": {"<port>": {"READY": n, ...}}}}
     * (only ports and states that have work items appear).
     */
    @RolesAllowed({Roles.VIEWER, Roles.OPERATOR, Roles.ADMIN})
    @GET
    @Path("/counts")
    public Response counts() {
        JsonObjectBuilder ports = JSON.createObjectBuilder();
        queries.workItemCounts().forEach((port, byState) -> {
            JsonObjectBuilder states = JSON.createObjectBuilder();
            byState.forEach((state, count) -> states.add(state.name(), count));
            ports.add(port, states);
        });
        return Response.ok(JSON.createObjectBuilder().add("messages", queries.messageCount()).add("ports", ports).build())
                .build();
    }

    private static WorkItemState state(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return WorkItemState.valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ValidationException("state", "'" + text + "' is not one of " + Arrays.toString(WorkItemState.values()));
        }
    }
}
