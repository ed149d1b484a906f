package io.conveyor.health;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready while the MessageBox answers: a pooled connection that the database confirms valid within five seconds. */
@Readiness
@ApplicationScoped
public class MessageBoxCheck implements HealthCheck {

    static final String NAME = "conveyor-messagebox";
    private static final int VALIDATION_SECONDS = 5;

    @Override
    public HealthCheckResponse call() {
        try {
            return HealthCheckResponse.named(NAME).up()
                    .withData("database", Engine.health().messageBoxDatabase(VALIDATION_SECONDS)).build();
        } catch (RuntimeException e) {
            return HealthCheckResponse.named(NAME).down().withData("error", String.valueOf(e.getMessage())).build();
        }
    }
}
