package io.conveyor.engine.failure;

import io.conveyor.adapter.Message;
import io.conveyor.adapter.SystemProperties;
import io.conveyor.engine.messagebox.Disposition;
import io.conveyor.engine.messagebox.EngineMessage;
import io.conveyor.engine.messagebox.TransportRole;
import io.conveyor.engine.messagebox.WorkItem;
import io.conveyor.engine.ports.AddressCredentials;
import io.conveyor.engine.ports.SecretText;
import io.conveyor.engine.ports.SendPort;
import io.conveyor.engine.ports.TransportSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The engine's default failure policy (send-adapter contract §4.3 in {@code docs/send-adapter-contract.md}), applied
 * when an adapter throws: retry after the retry interval while retries remain; then the port's backup transport; then
 * the suspended queue with the error. Also the translation of the failure-related proxy operations into MessageBox
 * dispositions.
 */
public final class FailurePolicy {

    private FailurePolicy() {
    }

    /** The disposition for a delivery whose transmission threw. */
    public static Disposition onTransmitFailure(WorkItem item, EngineMessage message, SendPort port, Throwable error,
                                                String adapterType, Instant now) {
        message.setErrorInfo(error);
        Disposition.FailureInfo failure = failureInfo(message, adapterType);
        EngineMessage.Lease lease = message.lease();
        String propertiesToUpdate = propertiesToUpdate(message);
        if (item.retriesLeft() > 0) {
            return Disposition.resubmit(lease, message.messageId(),
                    now.plus(Duration.ofMinutes(item.retryInterval())), failure, propertiesToUpdate);
        }
        Disposition.BackupTransport backup = item.transport() == TransportRole.PRIMARY ? backupOf(port) : null;
        if (backup != null) {
            return Disposition.moveToNextTransport(lease, message.messageId(), backup,
                    failure, propertiesToUpdate);
        }
        return Disposition.suspend(lease, message.messageId(), failure,
                suspendAsNonResumable(message) || orderedAndGoingOn(port), propertiesToUpdate);
    }

    /**
     * An ordered port that does not stop on failure suspends a finally failed message as non-resumable, so the next
     * message goes on and a resume cannot break the order (O3); one that stops on failure suspends it resumable and
     * holds the rest of the port back until it is resumed or terminated (O4).
     */
    private static boolean orderedAndGoingOn(SendPort port) {
        return port != null && port.definition().orderedDelivery() && !port.definition().stopSendingOnFailure();
    }

    /** The backup transport of a port, or {@code null}. */
    public static Disposition.BackupTransport backupOf(SendPort port) {
        if (port == null || port.definition().backup() == null) {
            return null;
        }
        TransportSettings backup = port.definition().backup();
        return new Disposition.BackupTransport(backup.adapter(), backup.retryCount(), backup.retryInterval());
    }

    /**
     * The error to record: the message's error info, the adapter, and the address it was sent to, cleaned of secrets
     * (the delivery's masked endpoint values and any recognisable password, {@link SecretText}).
     */
    public static Disposition.FailureInfo failureInfo(Message message, String adapterType) {
        Throwable error = message.errorInfo();
        String text = error == null ? null : SecretText.scrub(describe(error),
                message instanceof EngineMessage engineMessage ? engineMessage.secrets() : List.of());
        return new Disposition.FailureInfo(text, adapterType, AddressCredentials.masked(
                message.context().readString(SystemProperties.OUTBOUND_TRANSPORT_LOCATION, SystemProperties.NAMESPACE)));
    }

    public static String propertiesToUpdate(Message message) {
        return message.context().readString(SystemProperties.PROPERTIES_TO_UPDATE, SystemProperties.NAMESPACE);
    }

    /**
     * Whether a suspension of this message is non-resumable: the adapter asked for it, or the message is the solicit
     * of a two-way exchange, which is always suspended non-resumable (contract §5, R8).
     */
    public static boolean suspendAsNonResumable(Message message) {
        return Boolean.TRUE.equals(message.context().read(SystemProperties.SUSPEND_AS_NON_RESUMABLE, SystemProperties.NAMESPACE))
                || Boolean.TRUE.equals(message.context().read(SystemProperties.IS_SOLICIT_RESPONSE, SystemProperties.NAMESPACE));
    }

    private static String describe(Throwable error) {
        String message = error.getMessage();
        return error.getClass().getName() + (message == null ? "" : ": " + message);
    }
}
