package io.conveyor.console.rest;

import io.conveyor.engine.api.NotFoundException;
import io.conveyor.engine.api.ValidationException;
import io.conveyor.engine.messagebox.EngineMessage;
import io.conveyor.engine.messagebox.EngineMessageFactory;
import io.conveyor.engine.messagebox.MessageBoxQueries;
import io.conveyor.engine.messagebox.MessageStore;
import io.conveyor.engine.routing.PublishReceipt;
import io.conveyor.engine.routing.PublicationCommitter;
import io.conveyor.engine.routing.PublishService;
import io.conveyor.engine.routing.ResponseWaiters;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import jakarta.ws.rs.core.UriBuilder;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code POST /api/messages}: publishes the request body as the message body, with the properties of the
 * {@code Conveyor-Properties} header; with {@code ?responseTimeout=<seconds>} it waits for the response of a two-way
 * port and answers with it (or 202 when none came in time). {@code GET /api/messages/{id}}: a stored message with its
 * work items; {@code GET /api/messages/{id}/response}: the response to a message.
 */
@RequestScoped
@Path("/messages")
public class MessagesResource {

    /** Header carrying the properties to promote, as a JSON object. */
    public static final String PROPERTIES_HEADER = "Conveyor-Properties";

    /** Longest a publisher may wait for a response in one request. */
    public static final int MAX_RESPONSE_TIMEOUT_SECONDS = 300;

    private static final EngineMessageFactory FACTORY = new EngineMessageFactory();
    /** How often a waiting request looks in the MessageBox for a response published by another server. */
    private static final Duration RESPONSE_POLL = Duration.ofSeconds(1);

    @Inject
    PublishService publisher;
    @Inject
    PublicationCommitter committer;
    @Inject
    MessageBoxQueries queries;
    @Inject
    MessageStore store;
    @Inject
    ResponseWaiters waiters;

    @POST
    @Consumes(MediaType.WILDCARD)
    public Response publish(InputStream body, @HeaderParam("Content-Type") String contentType,
                            @HeaderParam(PROPERTIES_HEADER) String properties,
                            @HeaderParam("Content-Length") Long contentLength,
                            @QueryParam("responseTimeout") String responseTimeout)
            throws InterruptedException, IOException {
        if (contentLength != null && contentLength > store.maxPartBytes()) {
            throw new WebApplicationException("the body is " + contentLength + " bytes; this MessageBox stores at most "
                    + (store.maxPartBytes() >> 20) + " MiB in one message (the embedded H2 holds a transaction in memory; "
                    + "use PostgreSQL for larger messages)", Response.Status.REQUEST_ENTITY_TOO_LARGE);
        }
        Duration wait = responseTimeout(responseTimeout);
        EngineMessage message = FACTORY.createMessage();
        for (PublishedProperties.Property property : PublishedProperties.parse(properties)) {
            if (property.promoted()) {
                message.context().promote(property.name(), property.namespace(), property.value());
            } else {
                message.context().write(property.name(), property.namespace(), property.value());
            }
        }
        InputStream request = new RequestBodyStream(body);
        byte[] start = request.readNBytes(PublicationCommitter.MAX_BODY_BYTES + 1);
        boolean small = start.length <= PublicationCommitter.MAX_BODY_BYTES;
        message.addPart("body", small ? FACTORY.createMessagePart(start, contentType, charsetOf(contentType))
                : FACTORY.createMessagePart(once(new SequenceInputStream(new ByteArrayInputStream(start), request)),
                contentType, charsetOf(contentType)), true);
        if (wait.isZero()) {
            PublishReceipt receipt = small ? committer.publish(message) : publisher.publish(message);
            return Response.created(UriBuilder.fromResource(MessagesResource.class).path(receipt.messageId()).build())
                    .type(MediaType.APPLICATION_JSON_TYPE).entity(JsonViews.receipt(receipt)).build();
        }
        waiters.expect(message.messageId());
        try {
            PublishReceipt receipt = small ? committer.publish(message) : publisher.publish(message);
            Optional<MessageBoxQueries.MessageView> response = awaitResponse(receipt.messageId(), wait);
            if (response.isPresent()) {
                return responseOf(response.get());
            }
            return Response.accepted(JsonViews.receipt(receipt)).type(MediaType.APPLICATION_JSON_TYPE)
                    .location(UriBuilder.fromResource(MessagesResource.class).path(receipt.messageId()).path("response").build())
                    .build();
        } finally {
            waiters.forget(message.messageId());
        }
    }

    /**
     * {@code GET /api/messages/{id}/response}: the response published for a solicit message, its body as the body,
     * 404 while there is none.
     */
    @GET
    @Path("/{id}/response")
    public Response response(@PathParam("id") String id) {
        return responseOf(queries.responseOf(id).orElseThrow(() -> new NotFoundException("no response to message " + id
                + " (yet); responses nobody subscribes to are kept for the response retention time")));
    }

    private Optional<MessageBoxQueries.MessageView> awaitResponse(String solicitId, Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            Optional<MessageBoxQueries.MessageView> response = queries.responseOf(solicitId);
            long remaining = deadline - System.nanoTime();
            if (response.isPresent() || remaining <= 0) {
                return response;
            }
            waiters.await(solicitId, Duration.ofNanos(Math.min(remaining, RESPONSE_POLL.toNanos())));
        }
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

    @GET
    @Path("/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    public Response get(@PathParam("id") String id) {
        return Response.ok(JsonViews.message(queries.message(id)
                .orElseThrow(() -> new NotFoundException("no message " + id + " in the MessageBox (delivered messages are deleted)"))))
                .build();
    }

    /** The request body can be read once: the engine copies it into the MessageBox as it reads. */
    private static io.conveyor.adapter.MessagePart.Content once(InputStream body) {
        AtomicBoolean opened = new AtomicBoolean();
        return () -> {
            if (!opened.compareAndSet(false, true)) {
                throw new IOException("the request body was already read");
            }
            return body;
        };
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
