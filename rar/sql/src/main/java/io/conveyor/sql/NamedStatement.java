package io.conveyor.sql;

import java.util.ArrayList;
import java.util.List;

/**
 * A SQL statement with named parameters ({@code :Customer}, {@code :body}), turned into a JDBC statement with
 * {@code ?} markers. Text inside single-quoted literals is left alone, and {@code ::} (a PostgreSQL cast) is not a
 * parameter.
 */
record NamedStatement(String sql, List<String> parameters) {

    /**
     * Parses a statement.
     *
     * @throws IllegalArgumentException when it is blank
     */
    static NamedStatement parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("a statement is required");
        }
        StringBuilder sql = new StringBuilder();
        List<String> parameters = new ArrayList<>();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\'') {
                quoted = !quoted;
                sql.append(c);
            } else if (c == ':' && !quoted && i + 1 < text.length() && text.charAt(i + 1) == ':') {
                sql.append("::");
                i++;
            } else if (c == ':' && !quoted && i + 1 < text.length() && Character.isJavaIdentifierStart(text.charAt(i + 1))) {
                int end = i + 1;
                while (end < text.length() && Character.isJavaIdentifierPart(text.charAt(end))) {
                    end++;
                }
                parameters.add(text.substring(i + 1, end));
                sql.append('?');
                i = end - 1;
            } else {
                sql.append(c);
            }
        }
        return new NamedStatement(sql.toString(), List.copyOf(parameters));
    }
}
