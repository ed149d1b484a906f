package io.conveyor.engine.dispatch;

import io.conveyor.engine.messagebox.EngineMessage;
import io.conveyor.engine.messagebox.LeaseStore;
import java.time.Instant;
import java.util.List;
import java.util.logging.Logger;

/**
 * Takes back deliveries that ended without an outcome, for the supervisor thread: those an earlier run of this server
 * held (read once, before this server claims anything, so that its own new claims are never mistaken for them), and
 * every time it is called, those whose lease ran out. A delivery whose row is locked, typically by an XA transaction
 * prepared before a crash and not yet finished by the transaction manager's recovery, is left for the next call:
 * neither the deployment nor dispatching waits for transaction recovery.
 */
final class LeaseRecovery {

    private static final Logger LOG = Logger.getLogger(LeaseRecovery.class.getName());

    private final LeaseStore store;
    private final String serverId;
    private List<EngineMessage.Lease> earlierRun;

    LeaseRecovery(LeaseStore store, String serverId) {
        this.store = store;
        this.serverId = serverId;
    }

    /** Reads what the earlier run of this server held, once; until it has, this server must not claim anything. */
    void readEarlierRun() {
        if (earlierRun == null) {
            earlierRun = store.heldBy(serverId);
        }
    }

    boolean earlierRunRead() {
        return earlierRun != null;
    }

    /** Takes back what it can of the earlier run's deliveries, and every delivery whose lease ran out. */
    void recover(Instant now, int maxInterruptions) {
        if (!earlierRun.isEmpty()) {
            LeaseStore.Recovery recovery = store.recover(earlierRun, now, maxInterruptions);
            earlierRun = recovery.locked();
            log(recovery, "held before the last stop");
            if (!earlierRun.isEmpty()) {
                LOG.info(() -> recovery.locked().size() + " deliveries held before the last stop are still locked by "
                        + "unfinished transactions; trying again after the transaction manager's recovery");
            }
        }
        log(store.recoverExpired(now, maxInterruptions), "whose lease ran out");
    }

    private static void log(LeaseStore.Recovery recovery, String which) {
        if (recovery.queued() > 0) {
            LOG.warning(() -> recovery.queued() + " deliveries " + which + " are queued again");
        }
        if (recovery.suspended() > 0) {
            LOG.warning(() -> recovery.suspended() + " deliveries " + which + " were interrupted too often in a row and "
                    + "are suspended; see the suspended queue");
        }
    }
}
