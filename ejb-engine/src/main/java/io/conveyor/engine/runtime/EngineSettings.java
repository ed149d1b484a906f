package io.conveyor.engine.runtime;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;

/**
 * Engine tunables, read from system properties (set them in {@code standalone.conf}, the CLI's
 * {@code /system-property}, or {@code -D}); see docs/operations.md for the table.
 */
@ApplicationScoped
public class EngineSettings {

    /** How often a dispatcher looks for due work when nothing woke it. */
    public Duration pollInterval() {
        return Duration.ofMillis(longProperty("conveyor.dispatch.pollMillis", 500));
    }

    /** How long a claimed delivery belongs to this server before another may take it over. */
    public Duration leaseDuration() {
        return Duration.ofSeconds(longProperty("conveyor.lease.seconds", 300));
    }

    /**
     * How long an adapter may hold a delivery without reporting its outcome before the engine stops renewing its
     * lease (it is then delivered again).
     */
    public Duration maxHold() {
        return Duration.ofMinutes(longProperty("conveyor.lease.maxHoldMinutes", 60));
    }

    /** Most deliveries a single-message adapter's dispatcher claims at once. */
    public int claimSize() {
        return (int) longProperty("conveyor.dispatch.claimSize", 50);
    }

    /** Most messages an adapter may hold without a disposition before the engine stops handing it more. */
    public int maxInFlightPerAdapter() {
        return (int) longProperty("conveyor.dispatch.maxInFlight", 1000L * Runtime.getRuntime().availableProcessors());
    }

    /** How long the engine waits for an adapter's {@code terminate} before giving up on it. */
    public Duration terminateDeadline() {
        return Duration.ofSeconds(longProperty("conveyor.adapter.terminateSeconds", 60));
    }

    /** How long the engine waits before trying again to create an adapter whose initialisation failed. */
    public Duration adapterRetryDelay() {
        return Duration.ofSeconds(longProperty("conveyor.adapter.retrySeconds", 30));
    }

    private static long longProperty(String name, long defaultValue) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank()) {
            return defaultValue;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalStateException("system property " + name + "='" + value + "' is not a whole number", e);
        }
    }
}
