package io.conveyor.engine.health;

import io.conveyor.engine.adapters.AdapterState;
import io.conveyor.engine.admin.AdapterAdministration;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * The adapters: down while any of them is {@link AdapterState#FAILED} (its creation or initialisation failed; the
 * engine tries again after {@code conveyor.adapter.retrySeconds}), each adapter's state given by its transport type.
 */
@Readiness
@ApplicationScoped
public class AdaptersCheck implements HealthCheck {

    static final String NAME = "conveyor-adapters";

    @Inject
    AdapterAdministration adapters;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named(NAME).up();
        for (AdapterAdministration.AdapterView adapter : adapters.list()) {
            AdapterState state = adapter.status().state();
            response.withData(adapter.metadata().transportType(), state.name());
            if (state == AdapterState.FAILED) {
                response.down();
            }
        }
        return response.build();
    }
}
