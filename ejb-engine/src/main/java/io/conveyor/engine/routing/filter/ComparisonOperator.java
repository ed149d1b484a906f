package io.conveyor.engine.routing.filter;

import java.util.EnumSet;
import java.util.Set;

/** The comparison operators of the filter language. */
enum ComparisonOperator {
    /** {@code =} */
    EQUALS(ComparisonOutcome.EQUAL, ComparisonOutcome.SAME),
    /** {@code !=} or {@code <>} */
    NOT_EQUALS(ComparisonOutcome.LESS, ComparisonOutcome.GREATER, ComparisonOutcome.DIFFERENT),
    /** {@code <} */
    LESS_THAN(ComparisonOutcome.LESS),
    /** {@code <=} */
    LESS_THAN_OR_EQUALS(ComparisonOutcome.LESS, ComparisonOutcome.EQUAL),
    /** {@code >} */
    GREATER_THAN(ComparisonOutcome.GREATER),
    /** {@code >=} */
    GREATER_THAN_OR_EQUALS(ComparisonOutcome.GREATER, ComparisonOutcome.EQUAL);

    private final Set<ComparisonOutcome> acceptedOutcomes;

    ComparisonOperator(ComparisonOutcome first, ComparisonOutcome... rest) {
        this.acceptedOutcomes = EnumSet.of(first, rest);
    }

    /** Returns whether a value that relates to the literal as {@code outcome} satisfies this operator. */
    boolean accepts(ComparisonOutcome outcome) {
        return acceptedOutcomes.contains(outcome);
    }

    /** Returns the operator written as {@code symbol}, one of {@code = != <> < <= > >=}. */
    static ComparisonOperator forSymbol(String symbol) {
        return switch (symbol) {
            case "=" -> EQUALS;
            case "!=", "<>" -> NOT_EQUALS;
            case "<" -> LESS_THAN;
            case "<=" -> LESS_THAN_OR_EQUALS;
            case ">" -> GREATER_THAN;
            case ">=" -> GREATER_THAN_OR_EQUALS;
            default -> throw new IllegalArgumentException("not a comparison operator: " + symbol);
        };
    }
}
