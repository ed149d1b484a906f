package io.conveyor.engine.runtime;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The engine's metrics, registered with the {@link MeterRegistry} of WildFly's micrometer subsystem, which serves them
 * in Prometheus's format on the management interface ({@code docs/operations.md}, Metrics).
 *
 * <p>Only committed facts count: what a transaction did is kept with it and counted once it has committed, never after
 * a rollback, together with the time its commit took. Meters are made once per send port and adapter and kept, so
 * counting a message costs a map lookup and an increment (and one more in {@link DeliveriesPerMinute}).
 *
 * <p>WildFly 39 exports only the meters a deployment registers through the registry's shortcuts ({@code counter},
 * {@code timer}, {@code summary}, {@code gauge}, {@code more().counter}), without histogram buckets; the delivery
 * latency's buckets are therefore counters of their own (decision 32 in {@code docs/decisions.md}).
 */
@ApplicationScoped
public class EngineMetrics {

    /** Upper bounds, in seconds, of the delivery latency's buckets (the last one, {@code +Inf}, is implicit). */
    static final double[] LATENCY_BOUNDS = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 1800,
            3600};
    /** The names of every meter registered here. */
    static final List<String> METER_NAMES = List.of("conveyor.messages.published", "conveyor.messages.delivered",
            "conveyor.delivery.failures", "conveyor.messages.suspended", "conveyor.messages.resumed",
            "conveyor.messages.terminated", "conveyor.delivery.latency", "conveyor.delivered.within.seconds",
            "conveyor.backlog", "conveyor.proxy.batch.size", "conveyor.claim", "conveyor.commit");

    @Inject
    MeterRegistry registry;
    @Inject
    PortNames portNames;
    @Inject
    DeliveriesPerMinute perMinute;
    @Resource(lookup = "java:jboss/TransactionSynchronizationRegistry")
    TransactionSynchronizationRegistry transactions;

    private final Map<String, Map<String, PortMeters>> ports = new ConcurrentHashMap<>();
    private final Map<String, Timer> claims = new ConcurrentHashMap<>();
    private final Map<String, Timer> commits = new ConcurrentHashMap<>();
    private final Map<String, DistributionSummary> batchSizes = new ConcurrentHashMap<>();
    private final Map<String, Map<String, AtomicLong>> backlog = new ConcurrentHashMap<>();

    /** For the container, which injects the fields. */
    public EngineMetrics() {
    }

    /** Metrics outside a container (the unit tests'): facts count at once, into {@code registry} and {@code perMinute}. */
    public EngineMetrics(MeterRegistry registry, PortNames portNames, DeliveriesPerMinute perMinute) {
        this.registry = registry;
        this.portNames = portNames;
        this.perMinute = perMinute;
    }

    /**
     * Removes this application's meters when it stops: WildFly keeps a deployment's meters after it is undeployed, and
     * the gauges and bucket counters of a redeployed engine would go on reading the objects of the one before.
     */
    @PreDestroy
    void removeMeters() {
        for (String name : METER_NAMES) {
            registry.find(name).meters().forEach(registry::remove);
        }
    }

    /** The kinds of committed facts counted per send port and adapter. */
    enum Fact {
        PUBLISHED, PUBLISHED_SUSPENDED, DELIVERED, FAILED, FAILED_SUSPENDED, RESUMED, TERMINATED
    }

    /**
     * A message was routed to a port in the current transaction (one work item).
     *
     * @param suspended whether it went straight to the suspended queue (a stopped port, an unresolvable address)
     */
    public void published(String portId, String portName, String adapter, boolean suspended) {
        record(suspended ? Fact.PUBLISHED_SUSPENDED : Fact.PUBLISHED, portId, portName, adapter, null);
    }

    /** A delivered message's work item is deleted in the current transaction; its latency counts from its identity. */
    public void delivered(String portId, String portName, String adapter, String messageId) {
        record(Fact.DELIVERED, portId, portName, adapter, messageId);
    }

    /** A delivery failed in the current transaction: a retry, a move to the backup transport, or a suspension. */
    public void failed(String portId, String portName, String adapter, boolean suspended) {
        record(suspended ? Fact.FAILED_SUSPENDED : Fact.FAILED, portId, portName, adapter, null);
    }

    /** An operator resumed a suspended work item in the current transaction. */
    public void resumed(String portId, String portName, String adapter) {
        record(Fact.RESUMED, portId, portName, adapter, null);
    }

    /** An operator terminated a suspended work item in the current transaction. */
    public void terminated(String portId, String portName, String adapter) {
        record(Fact.TERMINATED, portId, portName, adapter, null);
    }

    /** An adapter's proxy batch of {@code operations} operations is applied in the current transaction. */
    public void proxyBatch(String adapter, int operations) {
        Pending pending = pending("proxy-batch");
        if (pending == null) {
            batchSize(adapter).record(operations);
        } else {
            pending.batches.add(new Batch(adapter, operations));
        }
    }

    /**
     * Times the commit of the current transaction, as {@code work} (the first kind named in a transaction is kept);
     * the kinds that record facts do this themselves.
     */
    public void timeCommit(String work) {
        pending(work);
    }

    /** A claim for an adapter took {@code nanos}, its transaction's commit included. */
    public void claimed(String adapter, long nanos) {
        claims.computeIfAbsent(tag(adapter), a -> registry.timer("conveyor.claim", Tags.of("adapter", a)))
                .record(nanos, TimeUnit.NANOSECONDS);
    }

    /**
     * The backlog as the MessageBox counts it, per port name and state: every port and state seen since the start
     * has a gauge, 0 once it holds nothing.
     */
    public void backlog(Map<String, ? extends Map<?, Long>> counts) {
        backlog.forEach((port, states) -> states.forEach((state, gauge) -> {
            Map<?, Long> now = counts.get(port);
            if (now == null || now.keySet().stream().noneMatch(s -> s.toString().equals(state))) {
                gauge.set(0);
            }
        }));
        counts.forEach((port, states) -> states.forEach((state, count) -> backlog
                .computeIfAbsent(port, p -> new ConcurrentHashMap<>())
                .computeIfAbsent(state.toString(), s -> registry.gauge("conveyor.backlog",
                        Tags.of("port", port, "state", s), new AtomicLong()))
                .set(count)));
    }

    private void record(Fact fact, String portId, String portName, String adapter, String messageId) {
        Pending pending = pending(fact == Fact.RESUMED || fact == Fact.TERMINATED ? "operator"
                : fact == Fact.PUBLISHED || fact == Fact.PUBLISHED_SUSPENDED ? "publication" : "disposition");
        if (pending == null) {
            count(new Counted(fact, portId, portName, adapter, messageId), System.currentTimeMillis());
        } else {
            pending.facts.add(new Counted(fact, portId, portName, adapter, messageId));
        }
    }

    /** What the current transaction has done so far; {@code null} outside a transaction (then counted at once). */
    private Pending pending(String work) {
        if (transactions == null || transactions.getTransactionKey() == null) {
            return null;
        }
        Pending pending = (Pending) transactions.getResource(Pending.class);
        if (pending == null) {
            pending = new Pending(work);
            try {
                transactions.registerInterposedSynchronization(pending);
                transactions.putResource(Pending.class, pending);
            } catch (IllegalStateException e) {
                // the transaction is bound to roll back: nothing of it will count
            }
        }
        return pending;
    }

    private void count(Counted counted, long nowMillis) {
        PortMeters meters = meters(counted.portId(), counted.portName(), counted.adapter());
        switch (counted.fact()) {
            case PUBLISHED -> meters.published.increment();
            case PUBLISHED_SUSPENDED -> {
                meters.published.increment();
                meters.suspended.increment();
                perMinute.suspended();
            }
            case DELIVERED -> {
                meters.delivered.increment();
                perMinute.delivered();
                long publishedAt = publishedAtMillis(counted.messageId());
                if (publishedAt > 0) {
                    meters.latency(Math.max(0, nowMillis - publishedAt));
                }
            }
            case FAILED -> {
                meters.failed.increment();
                perMinute.failed(false);
            }
            case FAILED_SUSPENDED -> {
                meters.failed.increment();
                meters.suspended.increment();
                perMinute.failed(true);
            }
            case RESUMED -> meters.resumed.increment();
            case TERMINATED -> meters.terminated.increment();
        }
    }

    /**
     * The meters of a port and adapter, named after the port as it is named now: a renamed port's meters go on under
     * its new name.
     */
    private PortMeters meters(String portId, String portName, String adapter) {
        String id = portId == null ? "" : portId;
        String name = portName != null ? portName : portId == null ? null : portNames.nameOf(portId);
        Map<String, PortMeters> byAdapter = ports.computeIfAbsent(id, p -> new ConcurrentHashMap<>());
        String adapterTag = tag(adapter);
        PortMeters meters = byAdapter.get(adapterTag);
        if (meters == null || (name != null && !name.equals(meters.port))) {
            meters = byAdapter.compute(adapterTag, (a, known) -> known != null && (name == null || name.equals(known.port))
                    ? known : new PortMeters(registry, name != null ? name : tag(portId), a));
        }
        return meters;
    }

    private Timer commitTimer(String work) {
        return commits.computeIfAbsent(work, w -> registry.timer("conveyor.commit", Tags.of("work", w)));
    }

    private DistributionSummary batchSize(String adapter) {
        return batchSizes.computeIfAbsent(tag(adapter), a -> registry.summary("conveyor.proxy.batch.size",
                Tags.of("adapter", a)));
    }

    private static String tag(String value) {
        return value == null ? "none" : value;
    }

    /**
     * When a message was published: the time in milliseconds its identity, a UUID of version 7, begins with; 0 for an
     * identity of another form.
     */
    static long publishedAtMillis(String messageId) {
        if (messageId == null || messageId.length() != 36 || messageId.charAt(14) != '7') {
            return 0;
        }
        try {
            return Long.parseLong(messageId.substring(0, 8) + messageId.substring(9, 13), 16);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** A fact of the current transaction, counted once it commits. */
    private record Counted(Fact fact, String portId, String portName, String adapter, String messageId) {
    }

    /** A proxy batch of the current transaction. */
    private record Batch(String adapter, int operations) {
    }

    /** What one transaction did, counted after its commit; the time from its completion's start to its commit. */
    private final class Pending implements Synchronization {

        private final String work;
        private final List<Counted> facts = new ArrayList<>();
        private final List<Batch> batches = new ArrayList<>(1);
        private volatile long completing;

        Pending(String work) {
            this.work = work;
        }

        @Override
        public void beforeCompletion() {
            completing = System.nanoTime();
        }

        @Override
        public void afterCompletion(int status) {
            if (status != Status.STATUS_COMMITTED) {
                return;
            }
            if (completing != 0) {
                commitTimer(work).record(System.nanoTime() - completing, TimeUnit.NANOSECONDS);
            }
            long now = System.currentTimeMillis();
            for (Counted fact : facts) {
                count(fact, now);
            }
            for (Batch batch : batches) {
                batchSize(batch.adapter()).record(batch.operations());
            }
        }
    }

    /** The meters of one send port and adapter. */
    private static final class PortMeters {

        final String port;
        final Counter published;
        final Counter delivered;
        final Counter failed;
        final Counter suspended;
        final Counter resumed;
        final Counter terminated;
        final Timer latency;
        /** Deliveries per latency bucket (not cumulative; the last is above every bound). */
        final LongAdder[] buckets = new LongAdder[LATENCY_BOUNDS.length + 1];
        /** Strong references to what the bucket counters read (meters hold their objects weakly). */
        final List<Bucket> bucketCounters = new ArrayList<>(buckets.length);

        PortMeters(MeterRegistry registry, String port, String adapter) {
            this.port = port;
            Tags tags = Tags.of("port", port, "adapter", adapter);
            published = registry.counter("conveyor.messages.published", tags);
            delivered = registry.counter("conveyor.messages.delivered", tags);
            failed = registry.counter("conveyor.delivery.failures", tags);
            suspended = registry.counter("conveyor.messages.suspended", tags);
            resumed = registry.counter("conveyor.messages.resumed", tags);
            terminated = registry.counter("conveyor.messages.terminated", tags);
            latency = registry.timer("conveyor.delivery.latency", tags);
            for (int i = 0; i < buckets.length; i++) {
                buckets[i] = new LongAdder();
                Bucket bucket = new Bucket(buckets, i);
                bucketCounters.add(bucket);
                String bound = i < LATENCY_BOUNDS.length ? Double.toString(LATENCY_BOUNDS[i]) : "+Inf";
                registry.more().counter("conveyor.delivered.within.seconds", tags.and("le", bound), bucket,
                        Bucket::cumulative);
            }
        }

        void latency(long millis) {
            latency.record(millis, TimeUnit.MILLISECONDS);
            double seconds = millis / 1000.0;
            int i = 0;
            while (i < LATENCY_BOUNDS.length && seconds > LATENCY_BOUNDS[i]) {
                i++;
            }
            buckets[i].increment();
        }
    }

    /** One cumulative bucket of a latency histogram: the deliveries at or below its bound. */
    private record Bucket(LongAdder[] buckets, int index) {

        double cumulative() {
            long sum = 0;
            for (int i = 0; i <= index; i++) {
                sum += buckets[i].sum();
            }
            return sum;
        }
    }
}
