package io.conveyor.console.rest;

import io.conveyor.adapter.ContextProperty;
import io.conveyor.adapter.SystemProperties;
import io.conveyor.engine.admin.MessagePublishing;
import io.conveyor.engine.api.NotFoundException;
import io.conveyor.engine.api.ValidationException;
import io.conveyor.engine.messagebox.MessageBoxQueries;
import io.conveyor.engine.messagebox.TrackedEvent;
import io.conveyor.engine.messagebox.TrackingLog;
import io.conveyor.engine.routing.PublishReceipt;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.StreamingOutput;
import jakarta.ws.rs.core.UriBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;

/**
 * {@code POST /api/messages}: publishes the request body as the message body, with the properties of the
 * {@code Conveyor-Properties} header; with {@code ?responseTimeout=<seconds>} it waits for the response of a two-way
 * port and answers with it (or 202 when none came in time). {@code GET /api/messages/{id}}: a stored message with its
 * work items; {@code GET /api/messages/{id}/response}: the response to a message; {@code GET /api/messages/{id}/history}:
 * its tracked events in order, also once it was delivered and deleted; {@code GET /api/messages/{id}/body}: its body
 * or one part, as a download. A publication records who published
 * it ({@code BTS.Publisher}); its response goes only to that user or an administrator.
 */
@RequestScoped
@Path("/messages")
public class MessagesResource {

    /** Header carrying the properties to promote, as a JSON object. */
    public static final String PROPERTIES_HEADER = "Conveyor-Properties";

    /** Longest a publisher may wait for a response in one request. */
    public static final int MAX_RESPONSE_TIMEOUT_SECONDS = 300;

    @Inject
    MessagePublishing publishing;
    @Inject
    MessageBoxQueries queries;
    @Inject
    TrackingLog tracking;
    @Context
    SecurityContext security;

    @RolesAllowed(Roles.PUBLISHER)
    @POST
    @Consumes(MediaType.WILDCARD)
    public Response publish(InputStream body, @HeaderParam("Content-Type") String contentType,
                            @HeaderParam(PROPERTIES_HEADER) String properties,
                            @HeaderParam("Content-Length") Long contentLength,
                            @QueryParam("responseTimeout") String responseTimeout)
            throws InterruptedException, IOException {
        if (contentLength != null && contentLength > publishing.maxBodyBytes()) {
            return ErrorResponses.answer(413, "the body is " + contentLength + " bytes; this MessageBox stores at most "
                    + (publishing.maxBodyBytes() >> 20) + " MiB in one message (the embedded H2 holds a transaction in "
                    + "memory; use PostgreSQL for larger messages)", "body");
        }
        Duration wait = responseTimeout(responseTimeout);
        List<ContextProperty> context = PublishedProperties.parse(properties);
        context.add(new ContextProperty(SystemProperties.PUBLISHER, SystemProperties.NAMESPACE, caller(), false));
        InputStream request = new RequestBodyStream(body);
        if (wait.isZero()) {
            PublishReceipt receipt = publishing.publish(request, contentType, charsetOf(contentType), context);
            return Response.created(UriBuilder.fromResource(MessagesResource.class).path(receipt.messageId()).build())
                    .type(MediaType.APPLICATION_JSON_TYPE).entity(JsonViews.receipt(receipt)).build();
        }
        MessagePublishing.Exchange exchange = publishing.publishAndAwaitResponse(request, contentType, charsetOf(contentType),
                context, wait);
        if (exchange.response().isPresent()) {
            return responseOf(exchange.response().get());
        }
        return Response.accepted(JsonViews.receipt(exchange.receipt())).type(MediaType.APPLICATION_JSON_TYPE)
                .location(UriBuilder.fromResource(MessagesResource.class).path(exchange.receipt().messageId()).path("response")
                        .build())
                .build();
    }

    /**
     * {@code GET /api/messages/{id}/response}: the response published for a solicit message, its body as the body,
     * 404 while there is none.
     */
    @RolesAllowed({Roles.PUBLISHER, Roles.ADMIN})
    @GET
    @Path("/{id}/response")
    public Response response(@PathParam("id") String id) {
        return responseOf(queries.responseOf(id).filter(this::mayRead).orElseThrow(() -> new NotFoundException(
                "no response to message " + id + " (yet) that you published; responses nobody subscribes to are kept for "
                        + "the response retention time")));
    }

    /** Administrators read every response; a publisher only those to its own publications. */
    private boolean mayRead(MessageBoxQueries.MessageView response) {
        return security.isUserInRole(Roles.ADMIN) || response.context().stream()
                .anyMatch(property -> property.name().equals(SystemProperties.PUBLISHER)
                        && property.namespace().equals(SystemProperties.NAMESPACE) && caller().equals(property.value()));
    }

    private String caller() {
        return security.getUserPrincipal().getName();
    }

    private Response responseOf(MessageBoxQueries.MessageView response) {
        StreamingOutput body = out -> {
            try (InputStream in = queries.openBody(response)) {
                in.transferTo(out);
            }
        };
        String contentType = response.parts().isEmpty() ? null : response.parts().get(0).contentType();
        return Response.ok(body, contentType == null ? MediaType.APPLICATION_OCTET_STREAM : contentType)
                .header("Conveyor-Message-Id", response.id())
                .header("Conveyor-Correlation-Id", response.correlationId()).build();
    }

    private static Duration responseTimeout(String text) {
        if (text == null || text.isBlank()) {
            return Duration.ZERO;
        }
        try {
            long seconds = Long.parseLong(text.trim());
            if (seconds >= 0 && seconds <= MAX_RESPONSE_TIMEOUT_SECONDS) {
                return Duration.ofSeconds(seconds);
            }
        } catch (NumberFormatException e) {
            // reported below with the field name
        }
        throw new ValidationException("responseTimeout", "'" + text + "' is not a number of seconds from 0 to "
                + MAX_RESPONSE_TIMEOUT_SECONDS);
    }

    @RolesAllowed({Roles.VIEWER, Roles.OPERATOR, Roles.ADMIN})
    @GET
    @Path("/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    public Response get(@PathParam("id") String id) {
        return Response.ok(JsonViews.message(queries.message(id).orElseThrow(() -> notStored(id)))).build();
    }

    @RolesAllowed({Roles.VIEWER, Roles.OPERATOR, Roles.ADMIN})
    @GET
    @Path("/{id}/history")
    @Produces(MediaType.APPLICATION_JSON)
    public Response history(@PathParam("id") String id) {
        List<TrackedEvent> events = tracking.history(id);
        if (events.isEmpty()) {
            throw new NotFoundException("no tracked event of message " + id + " (never published, routed only to ports "
                    + "whose tracking is off, or older than the tracking retention time)");
        }
        JsonArrayBuilder history = JsonProviders.JSON.createArrayBuilder();
        events.forEach(event -> history.add(JsonViews.trackedEvent(event)));
        return Response.ok(history.build()).build();
    }

    /**
     * {@code GET /api/messages/{id}/body}: a stored message's body (or its part {@code ?part=<name>}), streamed with
     * its content type as a download. Operators and administrators only: bodies may hold what viewers should not see.
     */
    @RolesAllowed({Roles.OPERATOR, Roles.ADMIN})
    @GET
    @Path("/{id}/body")
    public Response body(@PathParam("id") String id, @QueryParam("part") String part) {
        MessageBoxQueries.MessageView message = queries.message(id).orElseThrow(() -> notStored(id));
        List<MessageBoxQueries.PartView> parts = message.parts();
        int index = 0;
        if (part != null && !part.isBlank()) {
            index = parts.stream().map(MessageBoxQueries.PartView::name).toList().indexOf(part.trim());
            if (index < 0) {
                throw new NotFoundException("message " + id + " has no part '" + part.trim() + "'; its parts are "
                        + parts.stream().map(MessageBoxQueries.PartView::name).toList());
            }
        } else if (parts.isEmpty()) {
            throw new NotFoundException("message " + id + " has no body");
        }
        MessageBoxQueries.PartView view = parts.get(index);
        InputStream data = queries.openPart(id, index).orElseThrow(() -> notStored(id));
        StreamingOutput body = out -> {
            try (InputStream in = data) {
                in.transferTo(out);
            }
        };
        return PartDownload.of(body, id, view.name(), view.contentType(), view.charset())
                .build();
    }

    private static NotFoundException notStored(String id) {
        return new NotFoundException("no message " + id + " in the MessageBox (delivered messages are deleted)");
    }

    private static String charsetOf(String contentType) {
        if (contentType == null) {
            return null;
        }
        try {
            return MediaType.valueOf(contentType).getParameters().get(MediaType.CHARSET_PARAMETER);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
