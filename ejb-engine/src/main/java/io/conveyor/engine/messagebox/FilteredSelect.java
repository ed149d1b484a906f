package io.conveyor.engine.messagebox;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A list query of the MessageBox narrowed by optional filters: each filter given a value adds its condition and binds
 * the value, in order; the rows come ordered and capped at {@link MessageBoxQueries#MAX_ROWS}.
 */
final class FilteredSelect {

    private final StringBuilder sql;
    private final List<Object> values = new ArrayList<>();

    /** @param select the select with its fixed where clause ({@code where 1 = 1} when there is none) */
    FilteredSelect(String select) {
        this.sql = new StringBuilder(select);
    }

    /** Adds {@code and <condition>}, whose one parameter is {@code value}, unless {@code value} is {@code null}. */
    FilteredSelect and(String condition, Object value) {
        if (value != null) {
            sql.append(" and ").append(condition);
            values.add(value);
        }
        return this;
    }

    /** The statement, ordered by {@code orderBy} and limited to {@code limit} rows (1 to MAX_ROWS), bound. */
    PreparedStatement prepare(Connection connection, String orderBy, int limit) throws SQLException {
        return bind(connection.prepareStatement(sql + " order by " + orderBy + " fetch first "
                + Math.max(1, Math.min(limit, MessageBoxQueries.MAX_ROWS)) + " rows only"));
    }

    /** The statement as it is, neither ordered nor limited (an aggregate), bound. */
    PreparedStatement prepare(Connection connection) throws SQLException {
        return bind(connection.prepareStatement(sql.toString()));
    }

    private PreparedStatement bind(PreparedStatement statement) throws SQLException {
        try {
            for (int i = 0; i < values.size(); i++) {
                if (values.get(i) instanceof Instant instant) {
                    Sql.setInstant(statement, i + 1, instant);
                } else if (values.get(i) instanceof Long number) {
                    statement.setLong(i + 1, number);
                } else {
                    statement.setString(i + 1, values.get(i).toString());
                }
            }
            return statement;
        } catch (SQLException e) {
            statement.close();
            throw e;
        }
    }
}
