package io.conveyor.console.rest;

import static io.conveyor.console.rest.JsonProviders.JSON;

import io.conveyor.engine.api.ValidationException;
import io.conveyor.engine.messagebox.TrackingEvent;
import io.conveyor.engine.messagebox.TrackingLog;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Arrays;
import java.util.Locale;

/**
 * {@code /api/tracking}: message tracking events, newest first, by message ID, send port, event (each an exact match)
 * and time ({@code from} inclusive, {@code to} exclusive, ISO-8601 instants). A message's whole history, in order, is
 * {@code GET /api/messages/{id}/history}.
 */
@RequestScoped
@Path("/tracking")
@Produces(MediaType.APPLICATION_JSON)
public class TrackingResource {

    @Inject
    TrackingLog tracking;

    @RolesAllowed({Roles.VIEWER, Roles.OPERATOR, Roles.ADMIN})
    @GET
    public Response find(@QueryParam("messageId") String messageId, @QueryParam("port") String port,
                         @QueryParam("event") String event, @QueryParam("from") String from,
                         @QueryParam("to") String to, @QueryParam("limit") String limit) {
        TrackingLog.Query query = new TrackingLog.Query(QueryParameters.text(messageId), QueryParameters.text(port),
                event(event), QueryParameters.instant(from, "from"), QueryParameters.instant(to, "to"),
                QueryParameters.limit(limit));
        if (query.from() != null && query.to() != null && !query.from().isBefore(query.to())) {
            throw new ValidationException("to", "must be later than from");
        }
        JsonArrayBuilder events = JSON.createArrayBuilder();
        tracking.find(query).forEach(tracked -> events.add(JsonViews.trackedEvent(tracked)));
        return Response.ok(events.build()).build();
    }

    private static TrackingEvent event(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return TrackingEvent.valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ValidationException("event", "'" + text + "' is not one of " + Arrays.toString(TrackingEvent.values()));
        }
    }
}
