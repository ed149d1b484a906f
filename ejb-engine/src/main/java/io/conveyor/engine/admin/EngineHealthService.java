package io.conveyor.engine.admin;

import io.conveyor.engine.messagebox.MessageBoxDataSource;
import io.conveyor.engine.messagebox.MessageBoxQueries;
import io.conveyor.engine.messagebox.WorkItemState;
import io.conveyor.engine.runtime.EngineSettings;
import io.conveyor.health.EngineHealth;
import jakarta.annotation.Resource;
import jakarta.ejb.Local;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.sql.DataSource;

/** The engine's answers to the health checks of the EAR's {@code lib/} ({@link EngineHealth}), bound in JNDI for them. */
@Stateless
@Local(EngineHealth.class)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class EngineHealthService implements EngineHealth {

    @Resource(lookup = MessageBoxDataSource.JNDI_NAME)
    DataSource dataSource;
    @Inject
    AdapterAdministration adapters;
    @Inject
    MessageBoxQueries queries;
    @Inject
    EngineSettings settings;

    @Override
    public String messageBoxDatabase(int timeoutSeconds) {
        try (Connection connection = dataSource.getConnection()) {
            if (!connection.isValid(timeoutSeconds)) {
                throw new IllegalStateException("the MessageBox connection was not confirmed valid within "
                        + timeoutSeconds + " s");
            }
            return connection.getMetaData().getDatabaseProductName();
        } catch (SQLException e) {
            throw new IllegalStateException("the MessageBox does not answer: " + e.getMessage(), e);
        }
    }

    @Override
    public Map<String, String> adapterStates() {
        Map<String, String> states = new LinkedHashMap<>();
        adapters.list().forEach(a -> states.put(a.metadata().transportType(), a.status().state().name()));
        return states;
    }

    @Override
    public long suspendedCount() {
        long suspended = 0;
        for (Map<WorkItemState, Long> counts : queries.workItemCounts().values()) {
            suspended += counts.getOrDefault(WorkItemState.SUSPENDED, 0L)
                    + counts.getOrDefault(WorkItemState.SUSPENDED_NON_RESUMABLE, 0L);
        }
        return suspended;
    }

    @Override
    public long maxSuspended() {
        return settings.healthMaxSuspended();
    }
}
