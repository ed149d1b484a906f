package io.conveyor.console.rest;

import io.conveyor.engine.admin.NotFoundException;
import io.conveyor.engine.messagebox.EngineMessage;
import io.conveyor.engine.messagebox.EngineMessageFactory;
import io.conveyor.engine.messagebox.MessageBoxQueries;
import io.conveyor.engine.routing.PublishReceipt;
import io.conveyor.engine.routing.PublishService;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code POST /api/messages}: publishes the request body as the message body, with the promoted properties of the
 * {@code Conveyor-Properties} header. {@code GET /api/messages/{id}}: a stored message with its work items.
 */
@RequestScoped
@Path("/messages")
public class MessagesResource {

    /** Header carrying the properties to promote, as a JSON object. */
    public static final String PROPERTIES_HEADER = "Conveyor-Properties";

    private static final EngineMessageFactory FACTORY = new EngineMessageFactory();

    @Inject
    PublishService publisher;
    @Inject
    MessageBoxQueries queries;

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Response publish(InputStream body, @HeaderParam("Content-Type") String contentType,
                            @HeaderParam(PROPERTIES_HEADER) String properties) {
        EngineMessage message = FACTORY.createMessage();
        for (PublishedProperties.Property property : PublishedProperties.parse(properties)) {
            if (property.promoted()) {
                message.context().promote(property.name(), property.namespace(), property.value());
            } else {
                message.context().write(property.name(), property.namespace(), property.value());
            }
        }
        message.addPart("body", FACTORY.createMessagePart(once(body), contentType, charsetOf(contentType)), true);
        PublishReceipt receipt = publisher.publish(message);
        return Response.created(UriBuilder.fromResource(MessagesResource.class).path(receipt.messageId()).build())
                .entity(JsonViews.receipt(receipt)).build();
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
