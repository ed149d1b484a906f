package io.conveyor.engine.messagebox;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
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

    /**
     * Binds a work item identity (or a lease token): decimal text in the engine, a {@code bigint} in the MessageBox.
     *
     * @throws NumberFormatException when the text is not such a number (see {@link #isId})
     */
    static void setId(PreparedStatement statement, int index, String id) throws SQLException {
        if (id == null) {
            statement.setNull(index, Types.BIGINT);
        } else {
            statement.setLong(index, Long.parseLong(id));
        }
    }

    /** A {@code bigint} column (an identity, a lease token) as the engine's decimal text; {@code null} stays null. */
    static String getId(ResultSet rows, String column) throws SQLException {
        long value = rows.getLong(column);
        return rows.wasNull() ? null : Long.toString(value);
    }

    /** Whether the text can be a work item identity at all (anything else names no work item). */
    static boolean isId(String text) {
        if (text == null || text.isEmpty() || text.length() > 19 || !text.chars().allMatch(Character::isDigit)) {
            return false;
        }
        try {
            Long.parseLong(text);
            return true;
        } catch (NumberFormatException tooLarge) {
            return false;
        }
    }

    /**
     * Binds identities as one array parameter ({@code id = any(?)}), so a statement's text does not change with the
     * number of identities and the database parses it once.
     */
    static void setIds(PreparedStatement statement, int index, Collection<String> ids) throws SQLException {
        Long[] values = ids.stream().filter(Sql::isId).map(Long::valueOf).toArray(Long[]::new);
        statement.setArray(index, statement.getConnection().createArrayOf("bigint", values));
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
