package io.conveyor.bench.load;

import io.conveyor.adapter.Message;
import io.conveyor.adapter.MessageFactory;
import io.conveyor.engine.routing.MessagePublisher;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.RequestScoped;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * Publishes load through the engine's in-server API ({@link MessagePublisher}), so the benchmark can offer more
 * than one HTTP request per message allows: {@code POST /publish} answers when every message is published, with
 * how many and how long it took.
 */
@RequestScoped
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
public class LoadResource {

    @Resource
    ManagedExecutorService executor;

    /**
     * Publishes {@code count} messages of {@code size} bytes with the promoted property {@code Kind}, {@code batch}
     * per transaction, from {@code threads} threads; at {@code rate} messages per second when it is positive (batches
     * are started on a fixed schedule, so a slow engine is not offered less), else as fast as the engine takes them.
     */
    @POST
    @Path("/publish")
    public JsonObject publish(@QueryParam("kind") String kind, @QueryParam("count") long count,
                              @QueryParam("size") @DefaultValue("1024") int size,
                              @QueryParam("batch") @DefaultValue("100") int batch,
                              @QueryParam("rate") @DefaultValue("0") double rate,
                              @QueryParam("threads") @DefaultValue("2") int threads) throws Exception {
        MessagePublisher publisher = publisher();
        long batches = (count + batch - 1) / batch;
        AtomicLong nextBatch = new AtomicLong();
        AtomicLong published = new AtomicLong();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        long start = System.nanoTime();
        List<Future<?>> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            workers.add(executor.submit(() -> {
                for (long index = nextBatch.getAndIncrement(); index < batches && failure.get() == null;
                     index = nextBatch.getAndIncrement()) {
                    if (rate > 0) {
                        long due = start + (long) (index * batch * 1e9 / rate);
                        LockSupport.parkNanos(due - System.nanoTime());
                    }
                    int inBatch = (int) Math.min(batch, count - index * batch);
                    try {
                        publisher.publishAll(messages(publisher.messageFactory(), kind, inBatch, size));
                        published.addAndGet(inBatch);
                    } catch (RuntimeException e) {
                        failure.compareAndSet(null, e);
                    }
                }
            }));
        }
        for (Future<?> worker : workers) {
            worker.get();
        }
        return result(published.get(), start, failure.get());
    }

    /** Publishes one message of {@code size} bytes generated as the MessageBox reads it (constant memory). */
    @POST
    @Path("/publish-large")
    public JsonObject publishLarge(@QueryParam("kind") String kind, @QueryParam("size") long size) throws NamingException {
        MessagePublisher publisher = publisher();
        MessageFactory factory = publisher.messageFactory();
        long start = System.nanoTime();
        long micros = BenchBody.nowMicros();
        Message message = factory.createMessage();
        message.context().promote("Kind", "", kind);
        message.addPart("body", factory.createMessagePart(() -> BenchBody.streamOf(micros, size), "text/plain", "US-ASCII"), true);
        try {
            publisher.publish(message);
            return result(1, start, null);
        } catch (RuntimeException e) {
            return result(0, start, e);
        }
    }

    private static List<Message> messages(MessageFactory factory, String kind, int count, int size) {
        byte[] body = BenchBody.of(BenchBody.nowMicros(), size);
        List<Message> messages = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            Message message = factory.createMessage();
            message.context().promote("Kind", "", kind);
            message.addPart("body", factory.createMessagePart(body, "text/plain", "US-ASCII"), true);
            messages.add(message);
        }
        return messages;
    }

    private static JsonObject result(long published, long startNanos, Throwable failure) {
        var json = Json.createObjectBuilder().add("published", published)
                .add("seconds", (System.nanoTime() - startNanos) / 1e9);
        if (failure != null) {
            json.add("error", String.valueOf(failure));
        }
        return json.build();
    }

    private static MessagePublisher publisher() throws NamingException {
        return (MessagePublisher) new InitialContext().lookup(MessagePublisher.JNDI_NAME);
    }
}
