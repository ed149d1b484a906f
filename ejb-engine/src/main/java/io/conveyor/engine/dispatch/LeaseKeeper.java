package io.conveyor.engine.dispatch;

import io.conveyor.engine.messagebox.WorkItemStore;
import io.conveyor.engine.runtime.EngineClock;
import io.conveyor.engine.runtime.EngineSettings;
import io.conveyor.engine.runtime.ServerIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Collection;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The deliveries this server holds right now, per adapter: claimed and not yet disposed of. It renews their leases
 * while they are held, so a live server keeps them, and it is the adapter's in-flight count the dispatcher
 * throttles on. It is bookkeeping only: if it is lost (the server dies), the leases run out and the messages are
 * delivered again; nothing durable lives here.
 */
@ApplicationScoped
public class LeaseKeeper {

    private final ConcurrentMap<String, Set<String>> heldByAdapter = new ConcurrentHashMap<>();

    @Inject
    WorkItemStore store;
    @Inject
    EngineClock clock;
    @Inject
    EngineSettings settings;
    @Inject
    ServerIdentity server;

    /** Records deliveries just claimed for an adapter. */
    public void hold(String adapterType, Collection<String> workItemIds) {
        held(adapterType).addAll(workItemIds);
    }

    /** Forgets deliveries that were disposed of (or whose lease was lost). */
    public void release(Collection<String> workItemIds) {
        heldByAdapter.values().forEach(held -> held.removeAll(workItemIds));
    }

    /** How many deliveries the adapter holds without a disposition. */
    public int inFlight(String adapterType) {
        return held(adapterType).size();
    }

    /** Extends the leases of every held delivery. */
    public void renew() {
        Set<String> all = ConcurrentHashMap.newKeySet();
        heldByAdapter.values().forEach(all::addAll);
        if (!all.isEmpty()) {
            store.renewLeases(server.id(), java.util.List.copyOf(all), clock.instant().plus(settings.leaseDuration()));
        }
    }

    private Set<String> held(String adapterType) {
        return heldByAdapter.computeIfAbsent(adapterType.toUpperCase(Locale.ROOT), type -> ConcurrentHashMap.newKeySet());
    }
}
