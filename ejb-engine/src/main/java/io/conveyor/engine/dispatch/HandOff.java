package io.conveyor.engine.dispatch;

import io.conveyor.engine.adapters.AdapterHost;
import io.conveyor.engine.adapters.AdapterInstance;
import io.conveyor.engine.adapters.AdapterState;
import io.conveyor.engine.messagebox.Delivery;
import io.conveyor.engine.messagebox.LeaseKeeper;
import io.conveyor.engine.runtime.AfterCommit;
import io.conveyor.engine.runtime.EngineSettings;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ConcurrentMap;
import java.util.stream.Collectors;

/**
 * The in-memory way from a publication to its delivery on this server. A small message published for a port whose
 * adapter runs here, due now and not in order, is stored already in process under this server's lease, and once its
 * transaction has committed the delivery itself (work item, context, body) is queued here for the adapter's dispatch
 * loop: no claim, no reading back, no decoding. The MessageBox still holds the only durable copy, so a crash loses
 * nothing: the lease is taken back at the restart (or, by another server, when it runs out).
 *
 * <p>It declines while the adapter's dispatcher has a backlog in the MessageBox (work there is served in order of
 * priority and due time, and new work joins it), while the adapter holds {@code conveyor.dispatch.maxInFlight}
 * messages, and once the engine stops.
 */
@ApplicationScoped
public class HandOff {

    /** Per adapter, the deliveries of each committed transaction, together, in commit order. */
    private final ConcurrentMap<String, Queue<List<Delivery>>> queues = new ConcurrentHashMap<>();
    private final Set<String> backlogged = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    @Inject
    AdapterHost host;
    @Inject
    LeaseKeeper leases;
    @Inject
    DispatchSignals signals;
    @Inject
    EngineSettings settings;
    @Resource(lookup = "java:jboss/TransactionSynchronizationRegistry")
    TransactionSynchronizationRegistry transactions;

    /** Whether a work item for this adapter may be handed off now. */
    public boolean accepts(String adapterType) {
        if (closed || backlogged.contains(key(adapterType))) {
            return false;
        }
        AdapterInstance adapter = host.instanceFor(adapterType);
        return adapter != null && adapter.state() == AdapterState.RUNNING
                && leases.inFlight(adapterType) < settings.maxInFlightPerAdapter();
    }

    /** Queues the deliveries for their dispatch loops once the current transaction has committed (and only then). */
    public void queueAfterCommit(List<Delivery> deliveries) {
        if (deliveries.isEmpty()) {
            return;
        }
        List<Delivery> committed = List.copyOf(deliveries);
        AfterCommit.run(transactions, () -> committed.stream().collect(Collectors.groupingBy(
                d -> key(d.workItem().adapterType()), LinkedHashMap::new, Collectors.toList())).forEach(this::queue));
    }

    /** Queues one transaction's deliveries for one adapter, together, so its loop takes them as one claim would. */
    private void queue(String adapterType, List<Delivery> deliveries) {
        leases.hold(adapterType, deliveries.stream().map(delivery -> delivery.workItem().id()).toList());
        queue(adapterType).add(deliveries);
        signals.wake(adapterType);
    }

    /**
     * Deliveries handed off to this adapter, oldest first: whole transactions' worth, up to {@code max} unless the
     * first alone is more.
     */
    List<Delivery> take(String adapterType, int max) {
        Queue<List<Delivery>> queue = queue(adapterType);
        List<Delivery> taken = new ArrayList<>();
        for (List<Delivery> next = queue.peek(); next != null && (taken.isEmpty() || taken.size() + next.size() <= max);
             next = queue.peek()) {
            taken.addAll(queue.poll());
        }
        return taken;
    }

    /** Whether the adapter's dispatcher found more due work in the MessageBox than one claim takes. */
    void backlog(String adapterType, boolean backlog) {
        if (backlog) {
            backlogged.add(key(adapterType));
        } else {
            backlogged.remove(key(adapterType));
        }
    }

    /** Takes no more hand-offs (the engine stops); returns what is still queued, to be given back to the queue. */
    Collection<Delivery> close() {
        closed = true;
        List<Delivery> left = new ArrayList<>();
        queues.values().forEach(queue -> {
            for (List<Delivery> next = queue.poll(); next != null; next = queue.poll()) {
                left.addAll(next);
            }
        });
        return left;
    }

    private Queue<List<Delivery>> queue(String adapterType) {
        return queues.computeIfAbsent(key(adapterType), type -> new ConcurrentLinkedQueue<>());
    }

    private static String key(String adapterType) {
        return adapterType.toUpperCase(Locale.ROOT);
    }
}
