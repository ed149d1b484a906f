package io.conveyor.engine.health;

import io.conveyor.engine.messagebox.MessageBoxQueries;
import io.conveyor.engine.messagebox.WorkItemState;
import io.conveyor.engine.runtime.EngineSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * The suspended queue: down while it holds more messages (resumable or not) than {@code conveyor.health.maxSuspended}
 * (default 1000), read from the maintained backlog counts, so the check costs no scan.
 */
@Readiness
@ApplicationScoped
public class SuspendedQueueCheck implements HealthCheck {

    static final String NAME = "conveyor-suspended-queue";

    @Inject
    MessageBoxQueries queries;
    @Inject
    EngineSettings settings;

    @Override
    public HealthCheckResponse call() {
        long suspended = 0;
        for (Map<WorkItemState, Long> counts : queries.workItemCounts().values()) {
            suspended += counts.getOrDefault(WorkItemState.SUSPENDED, 0L)
                    + counts.getOrDefault(WorkItemState.SUSPENDED_NON_RESUMABLE, 0L);
        }
        long threshold = settings.healthMaxSuspended();
        return HealthCheckResponse.named(NAME).status(suspended <= threshold).withData("suspended", suspended)
                .withData("threshold", threshold).build();
    }
}
