package io.conveyor.engine.messagebox;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Brings the MessageBox schema to the current version when the application starts, with Flyway's versioned
 * migrations ({@code db/migration/<vendor>/V*.sql}); never drops anything. Every other engine component depends
 * on this one, so nothing touches the database before the schema is there.
 */
@Singleton
@Startup
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class MessageBoxMigration {

    private static final Logger LOG = Logger.getLogger(MessageBoxMigration.class.getName());

    @Resource(lookup = MessageBoxDataSource.JNDI_NAME)
    private DataSource dataSource;

    private String vendor;

    @PostConstruct
    void migrate() {
        vendor = detectVendor();
        Flyway flyway = Flyway.configure(getClass().getClassLoader())
                .dataSource(dataSource)
                .locations("classpath:db/migration/" + vendor)
                .table("cv_schema_history")
                .load();
        MigrateResult result = flyway.migrate();
        LOG.info(() -> "MessageBox on " + vendor + " at schema version " + flyway.info().current().getVersion()
                + " (" + result.migrationsExecuted + " migration(s) applied now)");
    }

    /** {@code h2} or {@code postgresql}: the folder of migrations that fits the datasource. */
    public String vendor() {
        return vendor;
    }

    private String detectVendor() {
        try (Connection connection = dataSource.getConnection()) {
            String product = connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
            if (product.contains("h2")) {
                return "h2";
            }
            if (product.contains("postgres")) {
                return "postgresql";
            }
            throw new IllegalStateException("the MessageBox supports H2 and PostgreSQL, not " + product);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot reach the MessageBox datasource " + MessageBoxDataSource.JNDI_NAME, e);
        }
    }
}
