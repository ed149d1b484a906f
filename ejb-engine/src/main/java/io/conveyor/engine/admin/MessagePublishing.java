package io.conveyor.engine.admin;

import io.conveyor.adapter.ContextProperty;
import io.conveyor.adapter.MessagePart;
import io.conveyor.engine.messagebox.EngineMessage;
import io.conveyor.engine.messagebox.EngineMessageFactory;
import io.conveyor.engine.messagebox.MessageBoxQueries;
import io.conveyor.engine.messagebox.MessageStore;
import io.conveyor.engine.routing.PublicationCommitter;
import io.conveyor.engine.routing.PublishReceipt;
import io.conveyor.engine.routing.PublishService;
import io.conveyor.engine.routing.ResponseWaiters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Publishing for a front end such as the REST API: a message made of a body stream and context properties. A small
 * body is committed together with the publications that arrive with it ({@link PublicationCommitter}); a larger one
 * streams into the MessageBox in a transaction of its own ({@link PublishService}). Either way the receipt is given
 * only after the commit. A publisher may also wait for the response of a two-way port.
 */
@ApplicationScoped
public class MessagePublishing {

    /** How often a waiting publisher looks in the MessageBox for a response another server published. */
    private static final Duration RESPONSE_POLL = Duration.ofSeconds(1);
    private static final EngineMessageFactory FACTORY = new EngineMessageFactory();

    /** A publication that waited: its receipt, and the response if one came in time. */
    public record Exchange(PublishReceipt receipt, Optional<MessageBoxQueries.MessageView> response) {
    }

    private record Prepared(EngineMessage message, boolean small) {
    }

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

    /** The largest body this MessageBox takes in one message, in bytes (smaller on the embedded H2). */
    public long maxBodyBytes() {
        return store.maxPartBytes();
    }

    /**
     * Publishes a message and returns once it is committed.
     *
     * @param body       the body, read once, as the MessageBox stores it
     * @param properties context properties: promoted ones take part in routing, the others are only written
     * @throws io.conveyor.engine.api.ValidationException    naming the field at fault; nothing is stored
     * @throws io.conveyor.engine.routing.NoSubscriptionException when no port subscribes; nothing is stored
     */
    public PublishReceipt publish(InputStream body, String contentType, String charset, List<ContextProperty> properties)
            throws IOException, InterruptedException {
        return commit(prepare(body, contentType, charset, properties));
    }

    /**
     * Publishes a message, then waits up to {@code wait} for the response of the two-way port it went to: woken at
     * once by a response committed on this server, and looking in the MessageBox every second for one another server
     * committed.
     */
    public Exchange publishAndAwaitResponse(InputStream body, String contentType, String charset,
                                            List<ContextProperty> properties, Duration wait)
            throws IOException, InterruptedException {
        Prepared prepared = prepare(body, contentType, charset, properties);
        String solicitId = prepared.message().messageId();
        waiters.expect(solicitId);
        try {
            PublishReceipt receipt = commit(prepared);
            return new Exchange(receipt, awaitResponse(solicitId, wait));
        } finally {
            waiters.forget(solicitId);
        }
    }

    private Prepared prepare(InputStream body, String contentType, String charset, List<ContextProperty> properties)
            throws IOException {
        EngineMessage message = FACTORY.createMessage();
        for (ContextProperty property : properties) {
            if (property.promoted()) {
                message.context().promote(property.name(), property.namespace(), property.value());
            } else {
                message.context().write(property.name(), property.namespace(), property.value());
            }
        }
        byte[] start = body.readNBytes(PublicationCommitter.MAX_BODY_BYTES + 1);
        boolean small = start.length <= PublicationCommitter.MAX_BODY_BYTES;
        message.addPart("body", small ? FACTORY.createMessagePart(start, contentType, charset)
                : FACTORY.createMessagePart(once(new SequenceInputStream(new ByteArrayInputStream(start), body)),
                contentType, charset), true);
        return new Prepared(message, small);
    }

    private PublishReceipt commit(Prepared prepared) throws InterruptedException {
        return prepared.small() ? committer.publish(prepared.message()) : publisher.publish(prepared.message());
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

    /** The body can be read once: the engine copies it into the MessageBox as it reads. */
    private static MessagePart.Content once(InputStream body) {
        AtomicBoolean opened = new AtomicBoolean();
        return () -> {
            if (!opened.compareAndSet(false, true)) {
                throw new IOException("the body was already read");
            }
            return body;
        };
    }
}
