package io.conveyor.engine.runtime;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;

/**
 * Engine tunables, read from system properties (set them in {@code standalone.conf}, the CLI's
 * {@code /system-property}, or {@code -D}); see docs/operations.md for the table. {@link #validate()} refuses a
 * malformed or out-of-range value when the application starts; a value changed to nonsense while it runs is ignored
 * (with a warning) in favour of the default, so no engine thread dies of it.
 */
@ApplicationScoped
public class EngineSettings {

    private static final Logger LOG = Logger.getLogger(EngineSettings.class.getName());

    private record Setting(String name, long defaultValue, long min, long max) {
    }

    private static final Setting POLL_MILLIS = new Setting("conveyor.dispatch.pollMillis", 500, 10, 60_000);
    private static final Setting LEASE_SECONDS = new Setting("conveyor.lease.seconds", 300, 10, 86_400);
    private static final Setting MAX_HOLD_MINUTES = new Setting("conveyor.lease.maxHoldMinutes", 60, 1, 10_080);
    private static final Setting CLAIM_SIZE = new Setting("conveyor.dispatch.claimSize", 200, 1, 10_000);
    private static final Setting MAX_IN_FLIGHT = new Setting("conveyor.dispatch.maxInFlight",
            1000L * Runtime.getRuntime().availableProcessors(), 1, 1_000_000);
    private static final Setting TERMINATE_SECONDS = new Setting("conveyor.adapter.terminateSeconds", 60, 1, 3600);
    private static final Setting RETRY_SECONDS = new Setting("conveyor.adapter.retrySeconds", 30, 1, 3600);
    private static final Setting RESPONSE_RETENTION_MINUTES = new Setting("conveyor.response.retentionMinutes", 1440, 1,
            525_600);
    private static final Setting MAX_INTERRUPTIONS = new Setting("conveyor.delivery.maxInterruptions", 3, 1, 100);
    private static final Setting HEALTH_MAX_SUSPENDED = new Setting("conveyor.health.maxSuspended", 1000, 0,
            Long.MAX_VALUE);
    private static final Setting AUDIT_RETENTION_DAYS = new Setting("conveyor.audit.retentionDays", 365, 1, 36_500);
    private static final Setting TRACKING_RETENTION_DAYS = new Setting("conveyor.tracking.retentionDays", 7, 1, 36_500);
    private static final Setting HEARTBEAT_SECONDS = new Setting("conveyor.cluster.heartbeatSeconds", 5, 1, 300);
    private static final Setting DEAD_AFTER_SECONDS = new Setting("conveyor.cluster.deadAfterSeconds", 30, 2, 3600);
    private static final List<Setting> ALL = List.of(POLL_MILLIS, LEASE_SECONDS, MAX_HOLD_MINUTES, CLAIM_SIZE,
            MAX_IN_FLIGHT, TERMINATE_SECONDS, RETRY_SECONDS, RESPONSE_RETENTION_MINUTES, MAX_INTERRUPTIONS,
            HEALTH_MAX_SUSPENDED, AUDIT_RETENTION_DAYS, TRACKING_RETENTION_DAYS, HEARTBEAT_SECONDS, DEAD_AFTER_SECONDS);

    /** How often a dispatcher looks for due work when nothing woke it. */
    public Duration pollInterval() {
        return Duration.ofMillis(value(POLL_MILLIS));
    }

    /** How long a claimed delivery belongs to this server before another may take it over. */
    public Duration leaseDuration() {
        return Duration.ofSeconds(value(LEASE_SECONDS));
    }

    /**
     * How long an adapter may hold a delivery without reporting its outcome before the engine stops renewing its
     * lease (it is then delivered again).
     */
    public Duration maxHold() {
        return Duration.ofMinutes(value(MAX_HOLD_MINUTES));
    }

    /** Most deliveries a dispatcher claims at once (a batch-aware adapter's claim takes its batch size if larger). */
    public int claimSize() {
        return (int) value(CLAIM_SIZE);
    }

    /** Most messages an adapter may hold without a disposition before the engine stops handing it more. */
    public int maxInFlightPerAdapter() {
        return (int) value(MAX_IN_FLIGHT);
    }

    /** How long the engine waits for the adapters' {@code terminate} before giving up on them. */
    public Duration terminateDeadline() {
        return Duration.ofSeconds(value(TERMINATE_SECONDS));
    }

    /** How long the engine waits before trying again to create an adapter whose initialisation failed. */
    public Duration adapterRetryDelay() {
        return Duration.ofSeconds(value(RETRY_SECONDS));
    }

    /** How long a solicit-response response no port subscribed to is kept for its publisher to fetch. */
    public Duration responseRetention() {
        return Duration.ofMinutes(value(RESPONSE_RETENTION_MINUTES));
    }

    /**
     * How many deliveries of one message in a row may end without an outcome (its server stopped or died, or its
     * lease ran out) before the message is suspended instead of delivered again.
     */
    public int maxInterruptions() {
        return (int) value(MAX_INTERRUPTIONS);
    }

    /** How many suspended messages the suspended queue may hold before its health check reports it down. */
    public long healthMaxSuspended() {
        return value(HEALTH_MAX_SUSPENDED);
    }

    /** How long the audit trail keeps a row of an administrative change. */
    public Duration auditRetention() {
        return Duration.ofDays(value(AUDIT_RETENTION_DAYS));
    }

    /** How long message tracking keeps an event. */
    public Duration trackingRetention() {
        return Duration.ofDays(value(TRACKING_RETENTION_DAYS));
    }

    /** How often this server writes its heartbeat into the MessageBox and looks for servers gone silent. */
    public Duration heartbeatInterval() {
        return Duration.ofSeconds(clusterTimes().heartbeat());
    }

    /** How long a running server may go without a heartbeat before another server declares it dead. */
    public Duration deadAfter() {
        return Duration.ofSeconds(clusterTimes().deadAfter());
    }

    /**
     * The heartbeat interval and the dead-after time in seconds, read together: a dead-after time that does not exceed
     * the interval would declare a live server dead between two of its heartbeats, so both defaults are used instead.
     */
    private record ClusterTimes(long heartbeat, long deadAfter) {
    }

    private static ClusterTimes clusterTimes() {
        long heartbeat = value(HEARTBEAT_SECONDS);
        long deadAfter = value(DEAD_AFTER_SECONDS);
        String problem = clusterProblem(heartbeat, deadAfter);
        if (problem != null) {
            LOG.warning(() -> "CVENG0001: " + problem + "; using " + HEARTBEAT_SECONDS.defaultValue() + " and "
                    + DEAD_AFTER_SECONDS.defaultValue());
            return new ClusterTimes(HEARTBEAT_SECONDS.defaultValue(), DEAD_AFTER_SECONDS.defaultValue());
        }
        return new ClusterTimes(heartbeat, deadAfter);
    }

    private static String clusterProblem(long heartbeat, long deadAfter) {
        return deadAfter > heartbeat ? null : "system property " + DEAD_AFTER_SECONDS.name() + "=" + deadAfter
                + " must exceed " + HEARTBEAT_SECONDS.name() + "=" + heartbeat
                + " (a live server would be declared dead between two of its heartbeats)";
    }

    /**
     * Checks every setting.
     *
     * @throws IllegalStateException naming each malformed or out-of-range system property
     */
    public void validate() {
        List<String> problems = new ArrayList<>();
        for (Setting setting : ALL) {
            String problem = problem(setting, System.getProperty(setting.name()));
            if (problem != null) {
                problems.add(problem);
            }
        }
        if (problems.isEmpty()) {
            String cluster = clusterProblem(value(HEARTBEAT_SECONDS), value(DEAD_AFTER_SECONDS));
            if (cluster != null) {
                problems.add(cluster);
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("invalid engine settings: " + String.join("; ", problems));
        }
    }

    private static long value(Setting setting) {
        String text = System.getProperty(setting.name());
        String problem = problem(setting, text);
        if (problem != null) {
            LOG.warning(() -> "CVENG0001: " + problem + "; using " + setting.defaultValue());
            return setting.defaultValue();
        }
        return text == null || text.isBlank() ? setting.defaultValue() : Long.parseLong(text.trim());
    }

    private static String problem(Setting setting, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            long value = Long.parseLong(text.trim());
            return value < setting.min() || value > setting.max() ? "system property " + setting.name() + "=" + value
                    + " is not between " + setting.min() + " and " + setting.max() : null;
        } catch (NumberFormatException e) {
            return "system property " + setting.name() + "='" + text + "' is not a whole number";
        }
    }
}
