package io.conveyor.engine.routing.filter;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/** A literal on the right of a comparison or in an IN list. */
sealed interface Literal {

    /**
     * Relates a property value to this literal.
     *
     * @param value the property's value, never null
     * @return how the value relates to the literal, {@link ComparisonOutcome#INCOMPARABLE} when the types do not mix
     */
    ComparisonOutcome compare(Object value);

    /** A number literal; it compares numerically with numbers and with strings that parse as numbers. */
    record NumberLiteral(BigDecimal number) implements Literal {

        @Override
        public ComparisonOutcome compare(Object value) {
            return PropertyValues.compareNumbers(PropertyValues.toNumber(value), number);
        }
    }

    /** {@code TRUE} or {@code FALSE}; it equals booleans and the strings "true" and "false" in any case. */
    record BooleanLiteral(boolean truth) implements Literal {

        @Override
        public ComparisonOutcome compare(Object value) {
            Boolean valueAsBoolean = PropertyValues.toBoolean(value);
            if (valueAsBoolean == null) {
                return ComparisonOutcome.INCOMPARABLE;
            }
            return ComparisonOutcome.unordered(valueAsBoolean == truth);
        }
    }

    /**
     * A quoted string. It compares with strings as text, with instants as an ISO-8601 instant,
     * with numbers as a number and with booleans as "true" or "false"; each reading is made once, here.
     */
    final class StringLiteral implements Literal {

        private final String text;
        private final BigDecimal textAsNumber;
        private final Boolean textAsBoolean;
        private final Instant textAsInstant;

        StringLiteral(String text) {
            this.text = text;
            this.textAsNumber = PropertyValues.toNumber(text);
            this.textAsBoolean = PropertyValues.toBoolean(text);
            this.textAsInstant = parseInstant(text);
        }

        @Override
        public ComparisonOutcome compare(Object value) {
            if (value instanceof String string) {
                return ComparisonOutcome.ordered(string.compareTo(text));
            }
            if (value instanceof Instant instant) {
                return textAsInstant == null
                        ? ComparisonOutcome.INCOMPARABLE
                        : ComparisonOutcome.ordered(instant.compareTo(textAsInstant));
            }
            if (value instanceof Boolean truth) {
                return textAsBoolean == null
                        ? ComparisonOutcome.INCOMPARABLE
                        : ComparisonOutcome.unordered(truth.equals(textAsBoolean));
            }
            return PropertyValues.compareNumbers(PropertyValues.toNumber(value), textAsNumber);
        }

        private static Instant parseInstant(String text) {
            try {
                return Instant.parse(text);
            } catch (DateTimeParseException notAnInstant) {
                return null;
            }
        }
    }
}
