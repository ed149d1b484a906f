package io.conveyor.console.rest;

import io.conveyor.engine.admin.ValidationException;
import io.conveyor.engine.messagebox.MessageBoxQueries;
import io.conveyor.engine.messagebox.WorkItemState;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Arrays;
import java.util.Locale;

/** {@code /api/work-items}: messages on their way to send ports, newest first, by port and state. */
@RequestScoped
@Path("/work-items")
@Produces(MediaType.APPLICATION_JSON)
public class WorkItemsResource {

    @Inject
    MessageBoxQueries queries;

    @GET
    public Response list(@QueryParam("port") String port, @QueryParam("state") String state,
                         @QueryParam("limit") String limit) {
        return Response.ok(JsonViews.workItems(queries.workItems(port, state(state), QueryParameters.limit(limit))).build()).build();
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
