package io.conveyor.health;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * The adapters: down while any of them is {@code FAILED} (its creation or initialisation failed; the engine tries
 * again after {@code conveyor.adapter.retrySeconds}), each adapter's state given by its transport type.
 */
@Readiness
@ApplicationScoped
public class AdaptersCheck implements HealthCheck {

    static final String NAME = "conveyor-adapters";
    private static final String FAILED = "FAILED";

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named(NAME).up();
        try {
            for (Map.Entry<String, String> adapter : Engine.health().adapterStates().entrySet()) {
                response.withData(adapter.getKey(), adapter.getValue());
                if (FAILED.equals(adapter.getValue())) {
                    response.down();
                }
            }
        } catch (RuntimeException e) {
            response.down().withData("error", String.valueOf(e.getMessage()));
        }
        return response.build();
    }
}
