package io.conveyor.engine.routing;

import io.conveyor.engine.runtime.AfterCommit;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Lets a publisher on this server wait for the response to its solicit message: the publication of a response wakes
 * the waiter once its transaction committed. Only a wake-up: the response itself is read from the MessageBox, and a
 * waiter also looks there from time to time, for responses published by another server.
 */
@ApplicationScoped
public class ResponseWaiters {

    private final ConcurrentMap<String, CompletableFuture<Void>> waiting = new ConcurrentHashMap<>();

    @Resource(lookup = "java:jboss/TransactionSynchronizationRegistry")
    TransactionSynchronizationRegistry transactions;

    /** Starts waiting for the response to a solicit; pair with {@link #forget}. */
    public void expect(String solicitId) {
        waiting.computeIfAbsent(solicitId, id -> new CompletableFuture<>());
    }

    /** Waits at most {@code timeout} for a wake-up; returns whether one came. */
    public boolean await(String solicitId, Duration timeout) throws InterruptedException {
        CompletableFuture<Void> signal = waiting.get(solicitId);
        if (signal == null) {
            return false;
        }
        try {
            signal.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    public void forget(String solicitId) {
        waiting.remove(solicitId);
    }

    /** Wakes the waiter of a solicit when the current transaction, which publishes its response, commits. */
    void wakeAfterCommit(String solicitId) {
        if (!waiting.containsKey(solicitId)) {
            return;
        }
        AfterCommit.run(transactions, () -> {
            CompletableFuture<Void> signal = waiting.get(solicitId);
            if (signal != null) {
                signal.complete(null);
            }
        });
    }
}
