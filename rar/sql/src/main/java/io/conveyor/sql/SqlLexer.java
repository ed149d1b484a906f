package io.conveyor.sql;

import io.conveyor.sql.SqlToken.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;

/**
 * Splits a statement into {@link SqlToken}s the way H2 and PostgreSQL read it: string literals in single quotes and
 * names in double quotes (or backticks), a doubled quote standing for one; comments; named parameters; words; and
 * single-character symbols. Whitespace separates tokens and is dropped. It is the one place that knows where quoted
 * text begins and ends, for both {@link NamedStatement} and {@link StatementPolicy}.
 */
final class SqlLexer {

    private final String sql;
    private final List<SqlToken> tokens = new ArrayList<>();
    private int position;

    private SqlLexer(String sql) {
        this.sql = sql;
    }

    /**
     * Reads a statement.
     *
     * @throws IllegalArgumentException when a string literal or quoted name is not closed
     */
    static List<SqlToken> tokens(String sql) {
        SqlLexer lexer = new SqlLexer(sql);
        lexer.readAll();
        return List.copyOf(lexer.tokens);
    }

    private void readAll() {
        while (position < sql.length()) {
            char c = sql.charAt(position);
            if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
                position++;
            } else if (c == '\'') {
                readQuoted(Kind.STRING, position);
            } else if (c == '"' || c == '`') {
                readQuoted(Kind.QUOTED_NAME, position);
            } else if ((c == 'U' || c == 'u') && (isAt(position + 1, "&'") || isAt(position + 1, "&\""))) {
                readQuoted(Kind.UNICODE_ESCAPED, position + 2);
            } else if (isAt(position, "--") || isAt(position, "//")) {
                readUntil(Kind.COMMENT, skip(position, ch -> ch != '\n' && ch != '\r'));
            } else if (isAt(position, "/*")) {
                int close = sql.indexOf("*/", position + 2);
                readUntil(Kind.COMMENT, close < 0 ? sql.length() : close + 2);
            } else if (isAt(position, "::")) {
                readUntil(Kind.SYMBOL, position + 2);
            } else if (c == ':' && startsParameterName(position + 1)) {
                readUntil(Kind.PARAMETER, skip(position + 2, Character::isJavaIdentifierPart));
            } else if (Character.isLetter(c) || c == '_') {
                readUntil(Kind.WORD, skip(position + 1, ch -> Character.isLetterOrDigit(ch) || ch == '_'));
            } else {
                readUntil(Kind.SYMBOL, position + 1);
            }
        }
    }

    /** Reads quoted text from the current position, its opening quote at {@code quote}; a doubled quote is no end. */
    private void readQuoted(Kind kind, int quote) {
        char mark = sql.charAt(quote);
        int close = sql.indexOf(mark, quote + 1);
        while (close >= 0 && close + 1 < sql.length() && sql.charAt(close + 1) == mark) {
            close = sql.indexOf(mark, close + 2);
        }
        if (close < 0) {
            throw new IllegalArgumentException("the quote " + mark + " at character " + (quote + 1) + " is not closed");
        }
        readUntil(kind, close + 1);
    }

    private void readUntil(Kind kind, int end) {
        tokens.add(new SqlToken(kind, sql.substring(position, end), position));
        position = end;
    }

    private boolean startsParameterName(int offset) {
        return offset < sql.length() && Character.isJavaIdentifierStart(sql.charAt(offset));
    }

    private boolean isAt(int offset, String text) {
        return sql.startsWith(text, offset);
    }

    /** The offset of the first character from {@code from} that is not {@code part}, or the end of the statement. */
    private int skip(int from, IntPredicate part) {
        int end = from;
        while (end < sql.length() && part.test(sql.charAt(end))) {
            end++;
        }
        return end;
    }
}
