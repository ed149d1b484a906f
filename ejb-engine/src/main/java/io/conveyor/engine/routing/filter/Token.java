package io.conveyor.engine.routing.filter;

/**
 * One token of a filter's text.
 *
 * @param kind what the token is
 * @param text the token exactly as written
 * @param position the 0-based offset of its first character
 * @param value the {@link PropertyRef}, {@link Literal} or {@link ComparisonOperator} it denotes; null for other kinds
 */
record Token(Kind kind, String text, int position, Object value) {

    /** The kinds of token. */
    enum Kind { PROPERTY, LITERAL, OPERATOR, AND, OR, NOT, IN, EXISTS, LEFT_PAREN, RIGHT_PAREN, COMMA, END }

    /** Returns whether this token is of the given kind. */
    boolean is(Kind expected) {
        return kind == expected;
    }

    /** Returns the property of a {@link Kind#PROPERTY} token. */
    PropertyRef property() {
        return (PropertyRef) value;
    }

    /** Returns the literal of a {@link Kind#LITERAL} token. */
    Literal literal() {
        return (Literal) value;
    }

    /** Returns the operator of an {@link Kind#OPERATOR} token. */
    ComparisonOperator operator() {
        return (ComparisonOperator) value;
    }

    /** Describes the token for an error message: {@code end of filter}, or its text in single quotes. */
    String describe() {
        if (kind == Kind.END) {
            return "end of filter";
        }
        return text.startsWith("'") ? text : "'" + text + "'";
    }
}
