package io.conveyor.engine.routing;

import io.conveyor.adapter.Message;
import io.conveyor.engine.runtime.GroupCommit;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Publications that arrive together share one commit: each caller (a REST request, one message each) hands its
 * message over and waits; the messages queued meanwhile are stored in one transaction ({@link GroupCommit}, at most
 * {@value #MAX_MESSAGES_PER_GROUP}), and each caller returns once the commit that holds its message is done, so an
 * acknowledgement still follows its commit. A message refused (no subscriber, bad input) is refused alone: its group
 * is rolled back and each of its messages published on its own. For messages whose body is in memory, at most
 * {@value #MAX_BODY_BYTES} bytes; a larger body streams into the MessageBox in a transaction of its own.
 */
@ApplicationScoped
public class PublicationCommitter {

    /** Largest body published through a group commit (it is read into memory first). */
    public static final int MAX_BODY_BYTES = 64 * 1024;
    static final int MAX_MESSAGES_PER_GROUP = 500;

    private static final Logger LOG = Logger.getLogger(PublicationCommitter.class.getName());

    @Inject
    PublishService publisher;
    @Resource(lookup = "java:jboss/ee/concurrency/executor/default")
    ManagedExecutorService engineThreads;

    private GroupCommit<Message, Published> groups;

    /** What became of one publication: its receipt, or why it was refused. */
    private record Published(PublishReceipt receipt, RuntimeException refusal) {
    }

    @PostConstruct
    void createGroups() {
        groups = new GroupCommit<>(new GroupCommit.Applier<>() {
            @Override
            public Optional<List<Published>> together(List<Message> messages) {
                try {
                    return Optional.of(publisher.publishAll(messages).stream().map(r -> new Published(r, null)).toList());
                } catch (RuntimeException e) {
                    LOG.log(Level.FINE, "a group of " + messages.size() + " publications failed; publishing them one by one", e);
                    return Optional.empty();
                }
            }

            @Override
            public Published alone(Message message) {
                try {
                    return new Published(publisher.publish(message), null);
                } catch (RuntimeException e) {
                    return new Published(null, e);
                }
            }
        }, engineThreads, MAX_MESSAGES_PER_GROUP, message -> 1);
    }

    /**
     * Publishes a message made with the engine's factory, its body in memory, in the next group commit; returns once
     * it is committed.
     *
     * @throws io.conveyor.engine.api.ValidationException when the message is malformed
     * @throws NoSubscriptionException                      when no enlisted send port subscribes to it
     */
    public PublishReceipt publish(Message message) throws InterruptedException {
        CompletableFuture<Published> done = new CompletableFuture<>();
        groups.submit(message, done::complete);
        Published published;
        try {
            published = done.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("publishing message " + message.messageId() + " failed", e.getCause());
        }
        if (published.refusal() != null) {
            throw published.refusal();
        }
        return published.receipt();
    }
}
