package io.conveyor.sql;

/**
 * One piece of a statement as {@link SqlLexer} reads it: what kind of piece it is, its text exactly as written, and
 * where it starts, so that a statement can be rewritten around it (named parameters) or judged by it
 * ({@link StatementPolicy}).
 *
 * @param kind  what the text is
 * @param text  the text as written, quotes and prefixes included
 * @param start its offset in the statement
 */
record SqlToken(Kind kind, String text, int start) {

    /** What a piece of statement text is. */
    enum Kind {
        /** An unquoted name or keyword: a letter or underscore, then letters, digits and underscores. */
        WORD,
        /** A name in double quotes or backticks. */
        QUOTED_NAME,
        /** A string literal in single quotes; a prefix such as {@code E} or {@code X} is a word of its own. */
        STRING,
        /** A string or name written with Unicode escapes: {@code U&'...'} or {@code U&"..."}. */
        UNICODE_ESCAPED,
        /** A named parameter: a colon and a Java identifier, as in {@code :Customer}. */
        PARAMETER,
        /** {@code --} or H2's {@code //} to the end of the line, or {@code /*} to the end of the comment. */
        COMMENT,
        /** Anything else, one character at a time, except {@code ::} (a PostgreSQL cast), which is one symbol. */
        SYMBOL
    }

    /** The offset just past the token. */
    int end() {
        return start + text.length();
    }

    /** Whether this is a symbol written as {@code symbol}. */
    boolean isSymbol(String symbol) {
        return kind == Kind.SYMBOL && text.equals(symbol);
    }

    /** Whether this is a word equal to {@code keyword}, in any case. */
    boolean isKeyword(String keyword) {
        return kind == Kind.WORD && text.equalsIgnoreCase(keyword);
    }

    /**
     * What the token stands for without its quoting: a word as written, a quoted name without its quotes (a doubled
     * quote made single), a parameter's name without its colon.
     */
    String value() {
        return switch (kind) {
            case QUOTED_NAME -> {
                String quote = text.substring(0, 1);
                yield text.substring(1, text.length() - 1).replace(quote + quote, quote);
            }
            case PARAMETER -> text.substring(1);
            default -> text;
        };
    }
}
