package io.conveyor.engine.messagebox;

import io.conveyor.engine.runtime.EngineClock;
import io.conveyor.engine.runtime.EngineSettings;
import io.conveyor.engine.runtime.ServerIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.logging.Logger;

/**
 * The deliveries this server holds right now, per adapter: claimed and not yet disposed of. It renews their leases
 * while they are held, so a live server keeps them, and it is the adapter's in-flight count the dispatcher
 * throttles on. A delivery held longer than the maximum hold time (an adapter that lost it) is no longer renewed:
 * its lease runs out and any server delivers it again. Bookkeeping only: if it is lost (the server dies), the leases
 * run out the same way; nothing durable lives here.
 */
@ApplicationScoped
public class LeaseKeeper {

    private static final Logger LOG = Logger.getLogger(LeaseKeeper.class.getName());

    private final ConcurrentMap<String, Map<String, Instant>> heldByAdapter = new ConcurrentHashMap<>();

    @Inject
    LeaseStore store;
    @Inject
    EngineClock clock;
    @Inject
    EngineSettings settings;
    @Inject
    ServerIdentity server;

    /** Records deliveries just claimed for an adapter. */
    public void hold(String adapterType, Collection<String> workItemIds) {
        Instant now = clock.instant();
        Map<String, Instant> held = held(adapterType);
        workItemIds.forEach(id -> held.put(id, now));
    }

    /** Forgets deliveries that were disposed of (or whose lease was lost). */
    public void release(Collection<String> workItemIds) {
        heldByAdapter.values().forEach(held -> workItemIds.forEach(held::remove));
    }

    /**
     * Stops renewing what an adapter holds (it terminated and will report nothing more): those deliveries are
     * delivered again once their leases run out.
     */
    public void forget(String adapterType) {
        heldByAdapter.remove(adapterType.toUpperCase(Locale.ROOT));
    }

    /** When this server claimed a delivery it still holds; {@code null} when it holds no such delivery. */
    public Instant heldSince(String workItemId) {
        for (Map<String, Instant> held : heldByAdapter.values()) {
            Instant since = held.get(workItemId);
            if (since != null) {
                return since;
            }
        }
        return null;
    }

    /** How many deliveries the adapter holds without a disposition. */
    public int inFlight(String adapterType) {
        return held(adapterType).size();
    }

    /** Extends the leases of every delivery held for less than the maximum hold time by one lease duration. */
    public void renew() {
        renew(settings.leaseDuration());
    }

    /** Extends the leases of every delivery held for less than the maximum hold time by {@code extension}. */
    public void renew(Duration extension) {
        Instant now = clock.instant();
        Instant heldSince = now.minus(settings.maxHold());
        List<String> renewed = new ArrayList<>();
        heldByAdapter.forEach((adapter, held) -> held.forEach((id, claimedAt) -> {
            if (claimedAt.isBefore(heldSince)) {
                held.remove(id);
                LOG.warning(() -> "adapter " + adapter + " has held delivery " + id + " for more than " + settings.maxHold()
                        + " without an outcome; its lease will run out and it will be delivered again");
            } else {
                renewed.add(id);
            }
        }));
        if (!renewed.isEmpty()) {
            store.renew(server.id(), renewed, now.plus(extension));
        }
    }

    private Map<String, Instant> held(String adapterType) {
        return heldByAdapter.computeIfAbsent(adapterType.toUpperCase(Locale.ROOT), type -> new ConcurrentHashMap<>());
    }
}
