package io.conveyor.engine.routing.filter;

/** How a property value relates to a literal; each {@link ComparisonOperator} accepts some outcomes. */
enum ComparisonOutcome {
    /** The value orders before the literal. */
    LESS,
    /** The value equals the literal, and the two have an order. */
    EQUAL,
    /** The value orders after the literal. */
    GREATER,
    /** The value equals the literal, and the two have no order (booleans). */
    SAME,
    /** The value differs from the literal, and the two have no order (booleans). */
    DIFFERENT,
    /** The value and the literal cannot be compared, so every operator is false. */
    INCOMPARABLE;

    /** Returns the outcome for a {@code compareTo} result. */
    static ComparisonOutcome ordered(int comparison) {
        if (comparison < 0) {
            return LESS;
        }
        return comparison == 0 ? EQUAL : GREATER;
    }

    /** Returns the outcome for two values that only have equality. */
    static ComparisonOutcome unordered(boolean equal) {
        return equal ? SAME : DIFFERENT;
    }
}
