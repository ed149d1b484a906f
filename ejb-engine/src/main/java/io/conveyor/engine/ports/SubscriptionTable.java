package io.conveyor.engine.ports;

import io.conveyor.adapter.ContextProperty;
import io.conveyor.engine.messagebox.TrackedPorts;
import io.conveyor.engine.messagebox.TrackingLevel;
import io.conveyor.engine.messagebox.TransportRole;
import io.conveyor.engine.routing.filter.Filter;
import io.conveyor.engine.runtime.PortNames;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The send ports and their compiled filters, cached per configuration version (also what message tracking needs to
 * know of a port). A port changed on this server is seen
 * at once; one changed on another server sharing the MessageBox within {@link #FRESHNESS}: the version (one row) is
 * read at most that often, and the ports reloaded when it moved.
 */
@ApplicationScoped
public class SubscriptionTable implements PortNames, TrackedPorts {

    /** How long the ports are used without reading the configuration version again. */
    static final Duration FRESHNESS = Duration.ofMillis(250);

    @Inject
    PortRepository repository;

    private volatile Snapshot snapshot = new Snapshot(-1, Map.of(), List.of());
    private volatile Checked checked = new Checked(-1, Long.MIN_VALUE);

    /** When the version was last read, and how many local changes there had been then. */
    private record Checked(long localChanges, long atNanos) {
    }

    /** The ports as of the current configuration version. */
    public Snapshot current() {
        Checked last = checked;
        long localChanges = repository.localChanges();
        if (last.localChanges() == localChanges && System.nanoTime() - last.atNanos() < FRESHNESS.toNanos()) {
            return snapshot;
        }
        long version = repository.configVersion();
        Snapshot cached = snapshot;
        if (cached.version() != version) {
            synchronized (this) {
                if (snapshot.version() != version) {
                    snapshot = load(version);
                }
                cached = snapshot;
            }
        }
        checked = new Checked(localChanges, System.nanoTime());
        return cached;
    }

    @Override
    public String nameOf(String portId) {
        SendPort port = snapshot.ports().get(portId);
        return port == null ? null : port.name();
    }

    @Override
    public TrackingLevel trackingOf(String portId) {
        SendPort port = snapshot.ports().get(portId);
        return port == null ? TrackingLevel.EVENTS : port.definition().tracking();
    }

    @Override
    public String addressOf(String portId, TransportRole transport) {
        SendPort port = snapshot.ports().get(portId);
        TransportSettings settings = port == null ? null
                : transport == TransportRole.BACKUP ? port.definition().backup() : port.definition().primary();
        return settings == null ? null : AddressCredentials.masked(settings.address());
    }

    @Override
    public String masked(String address) {
        return AddressCredentials.masked(address);
    }

    private Snapshot load(long version) {
        Map<String, SendPort> byId = new HashMap<>();
        List<Subscription> subscriptions = new ArrayList<>();
        for (SendPort port : repository.findAll()) {
            byId.put(port.id(), port);
            if (port.definition().state() != PortState.BOUND) {
                subscriptions.add(new Subscription(port, Filter.parse(port.definition().filter())));
            }
        }
        return new Snapshot(version, Map.copyOf(byId), List.copyOf(subscriptions));
    }

    /** A port with its compiled filter. */
    public record Subscription(SendPort port, Filter filter) {
    }

    /** The ports of one configuration version. */
    public record Snapshot(long version, Map<String, SendPort> ports, List<Subscription> subscriptions) {

        public Optional<SendPort> port(String id) {
            return Optional.ofNullable(ports.get(id));
        }

        /** The enlisted ports (started or stopped) whose filter the promoted properties satisfy. */
        public List<SendPort> subscribers(List<ContextProperty> promoted) {
            Map<String, Object> values = new HashMap<>();
            for (ContextProperty property : promoted) {
                values.put(property.namespace() + "\u0000" + property.name(), property.value());
            }
            List<SendPort> matches = new ArrayList<>();
            for (Subscription subscription : subscriptions) {
                if (subscription.filter().matches((namespace, name) -> values.get(namespace + "\u0000" + name))) {
                    matches.add(subscription.port());
                }
            }
            return matches;
        }
    }
}
