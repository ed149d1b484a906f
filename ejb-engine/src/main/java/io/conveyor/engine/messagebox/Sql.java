package io.conveyor.engine.messagebox;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Small JDBC helpers shared by the MessageBox stores; SQL that runs unchanged on H2 and PostgreSQL. */
final class Sql {

    /** Most values bound in one {@code IN (...)} list. */
    static final int IN_LIST_LIMIT = 500;

    private Sql() {
    }

    /** {@code ?, ?, ?} with {@code count} markers. */
    static String placeholders(int count) {
        return String.join(", ", Collections.nCopies(count, "?"));
    }

    /** The list cut into slices of at most {@link #IN_LIST_LIMIT}. */
    static <T> List<List<T>> slices(List<T> values) {
        List<List<T>> slices = new ArrayList<>();
        for (int from = 0; from < values.size(); from += IN_LIST_LIMIT) {
            slices.add(values.subList(from, Math.min(values.size(), from + IN_LIST_LIMIT)));
        }
        return slices;
    }

    static void setInstant(PreparedStatement statement, int index, Instant instant) throws SQLException {
        if (instant == null) {
            statement.setObject(index, null);
        } else {
            statement.setObject(index, OffsetDateTime.ofInstant(instant, ZoneOffset.UTC));
        }
    }

    static Instant getInstant(ResultSet rows, String column) throws SQLException {
        OffsetDateTime value = rows.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    /** Fails when a batch did not touch exactly one row per statement. */
    static void expectOneRowEach(int[] counts, String what) throws SQLException {
        for (int count : counts) {
            if (count != 1 && count != PreparedStatement.SUCCESS_NO_INFO) {
                throw new SQLException(what + ": expected one row, touched " + count + " (changed concurrently)");
            }
        }
    }
}
