package io.conveyor.sql;

import java.util.ArrayList;
import java.util.List;

/**
 * A SQL statement with named parameters ({@code :Customer}, {@code :body}), turned into a JDBC statement with
 * {@code ?} markers. Text inside quotes (string literals, quoted names) is left alone, and {@code ::} (a PostgreSQL
 * cast) is not a parameter; {@link SqlLexer} decides what is what.
 */
record NamedStatement(String sql, List<String> parameters) {

    /**
     * Parses a statement.
     *
     * @throws IllegalArgumentException when it is blank or a quote in it is not closed
     */
    static NamedStatement parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("a statement is required");
        }
        StringBuilder sql = new StringBuilder();
        List<String> parameters = new ArrayList<>();
        int copied = 0;
        for (SqlToken token : SqlLexer.tokens(text)) {
            if (token.kind() == SqlToken.Kind.PARAMETER) {
                sql.append(text, copied, token.start()).append('?');
                parameters.add(token.value());
                copied = token.end();
            }
        }
        sql.append(text, copied, text.length());
        return new NamedStatement(sql.toString(), List.copyOf(parameters));
    }
}
