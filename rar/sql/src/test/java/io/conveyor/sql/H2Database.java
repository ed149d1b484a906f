package io.conveyor.sql;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.h2.jdbcx.JdbcDataSource;

/**
 * A private in-memory H2 database for one test, connected as its administrator {@code sa} (as the sample target
 * datasource is); it lives until {@link #close()} shuts it down, whatever connections were closed before.
 */
final class H2Database implements AutoCloseable {

    private final JdbcDataSource dataSource = new JdbcDataSource();
    private final Connection connection;

    H2Database() throws SQLException {
        dataSource.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        dataSource.setUser("sa");
        dataSource.setPassword("");
        connection = dataSource.getConnection();
    }

    /** A new connection to the database, for the code under test to use and close. */
    Connection connect() throws SQLException {
        return dataSource.getConnection();
    }

    /** Runs a statement on the test's own connection. */
    void execute(String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    /** The first column of the first row of a query, as H2 gives it. */
    Object value(String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getObject(1);
        }
    }

    /** The count a {@code select count(*)} answers. */
    long count(String sql) throws SQLException {
        return ((Number) value(sql)).longValue();
    }

    @Override
    public void close() throws SQLException {
        execute("shutdown");
        connection.close();
    }
}
