package io.conveyor.engine.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class EngineMetricsTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final Map<String, String> portNames = new HashMap<>(Map.of("p1", "orders"));
    private final Transactions transactions = new Transactions();
    private final DeliveriesPerMinute perMinute = new DeliveriesPerMinute(
            Clock.fixed(Instant.parse("2026-03-01T10:15:30Z"), ZoneOffset.UTC));
    private final EngineMetrics metrics = new EngineMetrics(registry, portNames::get, perMinute);

    {
        metrics.transactions = transactions;
    }

    @Test
    @DisplayName("What a transaction did counts once it has committed, never after a rollback; its commit is timed")
    void countsCommittedFactsOnly() {
        transactions.begin();
        metrics.published("p1", "orders", "FILE", false);
        metrics.failed("p1", "orders", "FILE", true);
        assertThat(count("conveyor.messages.published", "orders", "FILE")).isZero();
        transactions.complete(Status.STATUS_ROLLEDBACK);
        assertThat(count("conveyor.messages.published", "orders", "FILE")).isZero();
        assertThat(perMinute.lastHour()).allMatch(minute -> minute.failed() == 0 && minute.suspended() == 0);

        transactions.begin();
        metrics.published("p1", "orders", "FILE", true);
        metrics.failed("p1", null, "FILE", false);
        metrics.failed("p1", "orders", "FILE", true);
        transactions.complete(Status.STATUS_COMMITTED);

        assertThat(count("conveyor.messages.published", "orders", "FILE")).isEqualTo(1);
        assertThat(count("conveyor.delivery.failures", "orders", "FILE")).isEqualTo(2);
        assertThat(count("conveyor.messages.suspended", "orders", "FILE")).isEqualTo(2);
        assertThat(registry.get("conveyor.commit").tag("work", "publication").timer().count()).isEqualTo(1);
        assertThat(perMinute.lastHour().get(DeliveriesPerMinute.MINUTES - 1)).isEqualTo(new DeliveriesPerMinute.Minute(
                Instant.parse("2026-03-01T10:15:00Z"), 0, 2, 2));
    }

    @Test
    @DisplayName("A delivery's latency runs from the time in its message identity; its buckets are cumulative")
    void latencyFromMessageIdentity() {
        long now = System.currentTimeMillis();
        metrics.delivered("p1", null, "HTTP", uuidV7(now - 200));
        metrics.delivered("p1", null, "HTTP", uuidV7(now - 20_000));

        assertThat(count("conveyor.messages.delivered", "orders", "HTTP")).isEqualTo(2);
        assertThat(registry.get("conveyor.delivery.latency").tag("port", "orders").timer().count()).isEqualTo(2);
        assertThat(bucket("0.1")).isZero();
        assertThat(bucket("0.5")).isEqualTo(1);
        assertThat(bucket("10.0")).isEqualTo(1);
        assertThat(bucket("30.0")).isEqualTo(2);
        assertThat(bucket("+Inf")).isEqualTo(2);
    }

    @Test
    @DisplayName("Only identities of UUID version 7 give a publication time")
    void publicationTimeOfVersion7Only() {
        assertThat(EngineMetrics.publishedAtMillis(uuidV7(1_700_000_000_123L))).isEqualTo(1_700_000_000_123L);
        assertThat(EngineMetrics.publishedAtMillis(UUID.randomUUID().toString())).isZero();
        assertThat(EngineMetrics.publishedAtMillis("not-a-uuid")).isZero();
    }

    @Test
    @DisplayName("A renamed port's meters go on under its new name")
    void renamedPort() {
        metrics.resumed("p1", null, "FILE");
        portNames.put("p1", "orders-v2");
        metrics.resumed("p1", null, "FILE");
        metrics.terminated("p1", "orders-v2", "FILE");

        assertThat(count("conveyor.messages.resumed", "orders", "FILE")).isEqualTo(1);
        assertThat(count("conveyor.messages.resumed", "orders-v2", "FILE")).isEqualTo(1);
        assertThat(count("conveyor.messages.terminated", "orders-v2", "FILE")).isEqualTo(1);
    }

    @Test
    @DisplayName("Backlog gauges follow the counts, and fall to 0 for a state that holds nothing any more")
    void backlogGauges() {
        metrics.backlog(Map.of("orders", Map.of("READY", 5L, "SUSPENDED", 1L)));
        assertThat(backlog("orders", "READY")).isEqualTo(5);
        assertThat(backlog("orders", "SUSPENDED")).isEqualTo(1);

        metrics.backlog(Map.of("orders", Map.of("READY", 2L)));
        assertThat(backlog("orders", "READY")).isEqualTo(2);
        assertThat(backlog("orders", "SUSPENDED")).isZero();
    }

    @Test
    @DisplayName("Proxy batch sizes count per adapter once their transaction has committed")
    void proxyBatchSizes() {
        transactions.begin();
        metrics.timeCommit("proxy-batch");
        metrics.proxyBatch("FILE", 20);
        metrics.delivered("p1", null, "FILE", uuidV7(System.currentTimeMillis()));
        transactions.complete(Status.STATUS_COMMITTED);

        assertThat(registry.get("conveyor.proxy.batch.size").tag("adapter", "FILE").summary().totalAmount()).isEqualTo(20);
        assertThat(registry.get("conveyor.commit").tag("work", "proxy-batch").timer().count()).isEqualTo(1);
        assertThat(registry.find("conveyor.commit").tag("work", "disposition").timer()).isNull();
    }

    @Test
    @DisplayName("When the application stops, its meters go with it")
    void metersRemovedOnStop() {
        transactions.begin();
        metrics.timeCommit("claim");
        transactions.complete(Status.STATUS_COMMITTED);
        metrics.claimed("FILE", 1_000);
        metrics.proxyBatch("FILE", 3);
        metrics.delivered("p1", null, "FILE", uuidV7(System.currentTimeMillis()));
        metrics.backlog(Map.of("orders", Map.of("READY", 1L)));
        assertThat(registry.getMeters()).isNotEmpty();

        metrics.removeMeters();

        assertThat(registry.getMeters()).isEmpty();
    }

    private double count(String name, String port, String adapter) {
        var counter = registry.find(name).tag("port", port).tag("adapter", adapter).counter();
        return counter == null ? 0 : counter.count();
    }

    private double bucket(String le) {
        FunctionCounter counter = registry.get("conveyor.delivered.within.seconds").tag("port", "orders").tag("le", le)
                .functionCounter();
        return counter.count();
    }

    private double backlog(String port, String state) {
        return registry.get("conveyor.backlog").tag("port", port).tag("state", state).gauge().value();
    }

    private static String uuidV7(long millis) {
        long high = (millis << 16) | 0x7000L;
        long low = 0x8000000000000000L;
        return new UUID(high, low).toString();
    }

    /** One transaction at a time, completed by the test with the status it chooses. */
    private static final class Transactions implements TransactionSynchronizationRegistry {

        private Object key;
        private final Map<Object, Object> resources = new HashMap<>();
        private final List<Synchronization> synchronizations = new ArrayList<>();

        void begin() {
            key = new Object();
        }

        void complete(int status) {
            synchronizations.forEach(Synchronization::beforeCompletion);
            synchronizations.forEach(s -> s.afterCompletion(status));
            synchronizations.clear();
            resources.clear();
            key = null;
        }

        @Override
        public Object getTransactionKey() {
            return key;
        }

        @Override
        public void putResource(Object resourceKey, Object value) {
            resources.put(resourceKey, value);
        }

        @Override
        public Object getResource(Object resourceKey) {
            return resources.get(resourceKey);
        }

        @Override
        public void registerInterposedSynchronization(Synchronization sync) {
            synchronizations.add(sync);
        }

        @Override
        public int getTransactionStatus() {
            return key == null ? Status.STATUS_NO_TRANSACTION : Status.STATUS_ACTIVE;
        }

        @Override
        public void setRollbackOnly() {
            throw new UnsupportedOperationException("EngineMetrics only observes transactions; it never rolls one back");
        }

        @Override
        public boolean getRollbackOnly() {
            return false;
        }
    }
}
