package io.conveyor.engine.health;

import io.conveyor.engine.messagebox.MessageBoxDataSource;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready while the MessageBox answers: a pooled connection that the database confirms valid within five seconds. */
@Readiness
@ApplicationScoped
public class MessageBoxCheck implements HealthCheck {

    static final String NAME = "conveyor-messagebox";
    private static final int VALIDATION_SECONDS = 5;

    @Resource(lookup = MessageBoxDataSource.JNDI_NAME)
    DataSource dataSource;

    @Override
    public HealthCheckResponse call() {
        try (Connection connection = dataSource.getConnection()) {
            boolean valid = connection.isValid(VALIDATION_SECONDS);
            return HealthCheckResponse.named(NAME).status(valid)
                    .withData("database", connection.getMetaData().getDatabaseProductName()).build();
        } catch (SQLException | RuntimeException e) {
            return HealthCheckResponse.named(NAME).down().withData("error", String.valueOf(e.getMessage())).build();
        }
    }
}
