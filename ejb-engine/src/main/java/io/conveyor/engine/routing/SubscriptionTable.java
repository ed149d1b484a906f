package io.conveyor.engine.routing;

import io.conveyor.adapter.ContextProperty;
import io.conveyor.engine.ports.PortRepository;
import io.conveyor.engine.ports.PortState;
import io.conveyor.engine.ports.SendPort;
import io.conveyor.engine.routing.filter.Filter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The send ports and their compiled filters, cached per configuration version: each use checks the version in the
 * MessageBox (one row) and reloads when any server changed a port, so routing never uses a stale port.
 */
@ApplicationScoped
public class SubscriptionTable {

    @Inject
    PortRepository repository;

    private volatile Snapshot snapshot = new Snapshot(-1, Map.of(), List.of());

    /** The ports as of the current configuration version. */
    public Snapshot current() {
        long version = repository.configVersion();
        Snapshot cached = snapshot;
        if (cached.version() == version) {
            return cached;
        }
        synchronized (this) {
            if (snapshot.version() != version) {
                snapshot = load(version);
            }
            return snapshot;
        }
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
