package io.conveyor.engine.routing.filter;

import java.math.BigDecimal;

/** Reads property values and literal texts as numbers or booleans, the way the filter language compares them. */
final class PropertyValues {

    private PropertyValues() {
    }

    /**
     * Returns the value as a number: numeric types as they are, strings when they parse as a
     * {@link BigDecimal}; null for anything else, including a non-finite {@code Double}.
     */
    static BigDecimal toNumber(Object value) {
        if (value instanceof BigDecimal decimal) {
            return decimal;
        }
        if (value instanceof Integer number) {
            return BigDecimal.valueOf(number);
        }
        if (value instanceof Long number) {
            return BigDecimal.valueOf(number);
        }
        if (value instanceof Double number) {
            return Double.isFinite(number) ? BigDecimal.valueOf(number) : null;
        }
        if (value instanceof String text) {
            try {
                return new BigDecimal(text);
            } catch (NumberFormatException notANumber) {
                return null;
            }
        }
        return null;
    }

    /** Returns the value as a boolean: a {@code Boolean} as it is, the strings "true" and "false" in any case; else null. */
    static Boolean toBoolean(Object value) {
        if (value instanceof Boolean truth) {
            return truth;
        }
        if (value instanceof String text) {
            if (text.equalsIgnoreCase("true")) {
                return Boolean.TRUE;
            }
            if (text.equalsIgnoreCase("false")) {
                return Boolean.FALSE;
            }
        }
        return null;
    }

    /** Compares two numbers, either of which may be null because it is not a number. */
    static ComparisonOutcome compareNumbers(BigDecimal value, BigDecimal literal) {
        if (value == null || literal == null) {
            return ComparisonOutcome.INCOMPARABLE;
        }
        return ComparisonOutcome.ordered(value.compareTo(literal));
    }
}
