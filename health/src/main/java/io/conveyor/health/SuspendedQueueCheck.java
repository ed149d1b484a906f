package io.conveyor.health;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * The suspended queue: down while it holds more messages (resumable or not) than {@code conveyor.health.maxSuspended}
 * (default 1000), counted from the MessageBox's maintained backlog counts, so the check costs no scan.
 */
@Readiness
@ApplicationScoped
public class SuspendedQueueCheck implements HealthCheck {

    static final String NAME = "conveyor-suspended-queue";

    @Override
    public HealthCheckResponse call() {
        try {
            EngineHealth engine = Engine.health();
            long suspended = engine.suspendedCount();
            long threshold = engine.maxSuspended();
            return HealthCheckResponse.named(NAME).status(suspended <= threshold).withData("suspended", suspended)
                    .withData("threshold", threshold).build();
        } catch (RuntimeException e) {
            return HealthCheckResponse.named(NAME).down().withData("error", String.valueOf(e.getMessage())).build();
        }
    }
}
