package io.conveyor.console.rest;

import static io.conveyor.console.rest.JsonProviders.JSON;

import io.conveyor.engine.api.NotFoundException;
import io.conveyor.engine.api.ValidationException;
import io.conveyor.engine.messagebox.TrackedBody;
import io.conveyor.engine.messagebox.TrackingEvent;
import io.conveyor.engine.messagebox.TrackingLog;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * {@code /api/tracking}: message tracking events, newest first, by message ID, send port, event, an attempt's outcome
 * (each an exact match) and time ({@code from} inclusive, {@code to} exclusive, ISO-8601 instants). A message's whole history, in order, is
 * {@code GET /api/messages/{id}/history}. {@code /api/tracking/bodies/{messageId}} lists the copies of a message's
 * parts kept by a port tracked at {@code EVENTS_AND_BODIES}, and {@code .../{part}} answers one copy's bytes; bodies
 * are for operators and administrators only.
 */
@RequestScoped
@Path("/tracking")
@Produces(MediaType.APPLICATION_JSON)
public class TrackingResource {

    /** Header of a kept body's answer: the whole part's size, in bytes. */
    public static final String SIZE_HEADER = "Conveyor-Part-Size";
    /** Header of a kept body's answer: {@code true} when only the part's start is kept. */
    public static final String TRUNCATED_HEADER = "Conveyor-Part-Truncated";

    /** An attempt's outcomes: delivered, or failed. */
    private static final List<String> OUTCOMES = List.of("SUCCESS", "FAILURE");

    @Inject
    TrackingLog tracking;

    @RolesAllowed({Roles.VIEWER, Roles.OPERATOR, Roles.ADMIN})
    @GET
    public Response find(@QueryParam("messageId") String messageId, @QueryParam("port") String port,
                         @QueryParam("event") String event, @QueryParam("outcome") String outcome,
                         @QueryParam("from") String from, @QueryParam("to") String to,
                         @QueryParam("limit") String limit) {
        TrackingLog.Query query = new TrackingLog.Query(QueryParameters.text(messageId), QueryParameters.text(port),
                event(event), outcome(outcome), QueryParameters.instant(from, "from"), QueryParameters.instant(to, "to"),
                QueryParameters.limit(limit));
        if (query.from() != null && query.to() != null && !query.from().isBefore(query.to())) {
            throw new ValidationException("to", "must be later than from");
        }
        JsonArrayBuilder events = JSON.createArrayBuilder();
        tracking.find(query).forEach(tracked -> events.add(JsonViews.trackedEvent(tracked)));
        return Response.ok(events.build()).build();
    }

    @RolesAllowed({Roles.OPERATOR, Roles.ADMIN})
    @GET
    @Path("/bodies/{messageId}")
    public Response bodies(@PathParam("messageId") String messageId) {
        List<TrackedBody> bodies = tracking.bodies(messageId);
        if (bodies.isEmpty()) {
            throw new NotFoundException(noBody(messageId));
        }
        JsonArrayBuilder parts = JSON.createArrayBuilder();
        bodies.forEach(body -> parts.add(JsonViews.trackedBody(body)));
        return Response.ok(parts.build()).build();
    }

    @RolesAllowed({Roles.OPERATOR, Roles.ADMIN})
    @GET
    @Path("/bodies/{messageId}/{part}")
    @Produces(MediaType.WILDCARD)
    public Response body(@PathParam("messageId") String messageId, @PathParam("part") String part) {
        TrackedBody body = tracking.bodies(messageId).stream().filter(kept -> kept.partName().equals(part)).findFirst()
                .orElseThrow(() -> new NotFoundException(noBody(messageId) + " (or no part named " + part + ")"));
        byte[] bytes = tracking.bodyBytes(messageId, part)
                .orElseThrow(() -> new NotFoundException(noBody(messageId)));
        return PartDownload.of(bytes, messageId, part, body.contentType(), body.charset())
                .header(SIZE_HEADER, body.sizeBytes())
                .header(TRUNCATED_HEADER, body.truncated())
                .build();
    }

    private static String noBody(String messageId) {
        return "no kept body of message " + messageId + " (not routed to a port tracked at EVENTS_AND_BODIES, or "
                + "older than the tracking retention time)";
    }

    private static String outcome(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String outcome = text.trim().toUpperCase(Locale.ROOT);
        if (!OUTCOMES.contains(outcome)) {
            throw new ValidationException("outcome", "'" + text + "' is not one of " + OUTCOMES);
        }
        return outcome;
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
