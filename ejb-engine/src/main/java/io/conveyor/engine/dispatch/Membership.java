package io.conveyor.engine.dispatch;

import io.conveyor.engine.messagebox.ServerStore;
import java.time.Duration;
import java.time.Instant;
import java.util.logging.Logger;

/**
 * This server's membership in the MessageBox, for the supervisor thread: registered once, before this server claims
 * anything; then, every heartbeat interval, a heartbeat, and every other running server not heard from within the
 * dead-after time declared dead, the deliveries it held taken back at once. A server that finds itself declared dead
 * (it was silent too long: a long pause, or the MessageBox out of reach) registers again; what it held was taken back,
 * and the outcomes it reports for those deliveries are refused ({@code LEASE_LOST}).
 */
final class Membership {

    private static final Logger LOG = Logger.getLogger(Membership.class.getName());

    private final ServerStore store;
    private final String serverId;
    private boolean registered;
    private Instant nextHeartbeat = Instant.MIN;

    Membership(ServerStore store, String serverId) {
        this.store = store;
        this.serverId = serverId;
    }

    /** Writes this server's row as running, once; until it has, this server must not claim anything. */
    void register(Instant now, Duration heartbeatInterval) {
        if (!registered) {
            store.register(serverId, now);
            registered = true;
            nextHeartbeat = now.plus(heartbeatInterval);
            LOG.info(() -> "server " + serverId + " joined the MessageBox");
        }
    }

    boolean registered() {
        return registered;
    }

    /** At most once a heartbeat interval: the heartbeat, then the silent servers declared dead. */
    void heartbeat(Instant now, Duration heartbeatInterval, Duration deadAfter, int maxInterruptions) {
        if (now.isBefore(nextHeartbeat)) {
            return;
        }
        if (!store.heartbeat(serverId, now)) {
            LOG.warning(() -> "server " + serverId + " was declared dead by another server (no heartbeat within "
                    + deadAfter + "); the deliveries it held were taken back. Joining again");
            store.register(serverId, now);
        }
        for (ServerStore.Declared declared : store.declareDead(serverId, now, deadAfter, maxInterruptions)) {
            LOG.warning(() -> "server " + declared.serverId() + " sent no heartbeat within " + deadAfter
                    + " and is declared dead: " + declared.recovery().queued() + " deliveries it held are queued again, "
                    + declared.recovery().suspended() + " suspended (interrupted too often)");
        }
        nextHeartbeat = now.plus(heartbeatInterval);
    }
}
