package io.conveyor.engine.failure;

import io.conveyor.engine.messagebox.Disposition;
import io.conveyor.engine.messagebox.DispositionResult;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The engine's entries in the server log for failure dispositions that took effect (send-adapter contract §4.5 in
 * {@code docs/send-adapter-contract.md}: the engine, not the adapter, records retries, moves to the backup transport
 * and suspensions, with the error): a retry at INFO, a move to the backup transport and a suspension at WARNING. Logger
 * {@code io.conveyor.engine.failure}.
 */
public final class FailureLog {

    private static final Logger LOG = Logger.getLogger(FailureLog.class.getPackageName());

    private FailureLog() {
    }

    /** Logs each applied retry, move to the backup transport and suspension. */
    public static void record(List<DispositionResult> results) {
        for (DispositionResult result : results) {
            if (result.status().isSuccess()) {
                record(result.disposition());
            }
        }
    }

    private static void record(Disposition disposition) {
        Disposition.FailureInfo failure = disposition.failure();
        String where = failure == null ? "" : " (adapter " + failure.adapter() + ", address " + failure.address() + ")";
        String error = failure == null || failure.text() == null ? "no error given" : failure.text();
        switch (disposition.type()) {
            case RESUBMIT -> LOG.info(() -> "message " + disposition.messageId() + " will be retried at "
                    + disposition.resubmitAt() + where + ": " + error);
            case MOVE_TO_NEXT_TRANSPORT -> LOG.warning(() -> "message " + disposition.messageId()
                    + " moved to its backup transport (" + disposition.backup().adapterType() + ")" + where + ": " + error);
            case MOVE_TO_SUSPEND_Q -> LOG.log(Level.WARNING, () -> "message " + disposition.messageId() + " suspended"
                    + (disposition.nonResumable() ? " (not resumable)" : "") + " in work item " + disposition.workItemId()
                    + where + ": " + error);
            default -> {
                // deletes and submissions are not failures
            }
        }
    }
}
