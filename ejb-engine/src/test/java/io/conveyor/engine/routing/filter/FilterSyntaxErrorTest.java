package io.conveyor.engine.routing.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@DisplayName("Filter syntax errors")
class FilterSyntaxErrorTest {

    private static final String CASE_NAME = "[{index}] {0}";

    private static FilterSyntaxException parseFailure(String text) {
        FilterSyntaxException failure = catchThrowableOfType(FilterSyntaxException.class, () -> Filter.parse(text));
        assertThat(failure).as("parsing %s should fail", text).isNotNull();
        return failure;
    }

    private static void assertSyntaxError(String text, int position, String message) {
        FilterSyntaxException failure = parseFailure(text);

        assertThat(failure.position()).isEqualTo(position);
        assertThat(failure).hasMessage(message);
        assertThat(failure.getMessage()).contains("at position " + position).contains("expected");
    }

    static Stream<Arguments> emptyFilters() {
        return Stream.of(
                arguments("", 0, "filter: expected a condition at position 0, found an empty filter"),
                arguments("  \t\n ", 0, "filter: expected a condition at position 0, found an empty filter"));
    }

    @ParameterizedTest(name = CASE_NAME)
    @DisplayName("an empty or blank filter is rejected")
    @MethodSource("emptyFilters")
    void emptyFilter(String text, int position, String message) {
        assertSyntaxError(text, position, message);
    }

    static Stream<Arguments> missingOperators() {
        return Stream.of(
                arguments("Amount ACME", 7,
                        "filter: expected a comparison operator, IN or NOT IN after 'Amount' at position 7, found 'ACME'"),
                arguments("Amount", 6,
                        "filter: expected a comparison operator, IN or NOT IN after 'Amount' at position 6, found end of filter"),
                arguments("Region NOT = 'EU'", 11, "filter: expected IN after 'NOT' at position 11, found '='"),
                arguments("Region IN 'EU'", 10, "filter: expected '(' after 'IN' at position 10, found 'EU'"),
                arguments("A ! 1", 3, "filter: expected '=' after '!' at position 3, found whitespace"),
                arguments("A = = 1", 4, "filter: expected a literal after '=' at position 4, found '='"));
    }

    @ParameterizedTest(name = CASE_NAME)
    @DisplayName("a property must be followed by an operator, IN or NOT IN")
    @MethodSource("missingOperators")
    void missingOperator(String text, int position, String message) {
        assertSyntaxError(text, position, message);
    }

    static Stream<Arguments> misplacedOperands() {
        return Stream.of(
                arguments("'EU' = Region", 0, "filter: expected a property, NOT, EXISTS or '(' at position 0, "
                        + "found the literal 'EU', which belongs on the right of an operator"),
                arguments("5 < Amount", 0, "filter: expected a property, NOT, EXISTS or '(' at position 0, "
                        + "found the literal '5', which belongs on the right of an operator"),
                arguments("A = 1 OR TRUE", 9, "filter: expected a property, NOT, EXISTS or '(' after 'OR' at position 9, "
                        + "found the literal 'TRUE', which belongs on the right of an operator"),
                arguments("A = B", 4, "filter: expected a literal after '=' at position 4, found 'B'"),
                arguments("A =", 3, "filter: expected a literal after '=' at position 3, found end of filter"),
                arguments("EXISTS", 6, "filter: expected a property after 'EXISTS' at position 6, found end of filter"),
                arguments("EXISTS 'x'", 7, "filter: expected a property after 'EXISTS' at position 7, found 'x'"),
                arguments("A = 'x' AND in = 1", 12,
                        "filter: expected a property, NOT, EXISTS or '(' after 'AND' at position 12, found 'in'"),
                arguments("AND A = 1", 0, "filter: expected a property, NOT, EXISTS or '(' at position 0, found 'AND'"),
                arguments("A = 1 AND", 9,
                        "filter: expected a property, NOT, EXISTS or '(' after 'AND' at position 9, found end of filter"),
                arguments("NOT", 3,
                        "filter: expected a property, NOT, EXISTS or '(' after 'NOT' at position 3, found end of filter"));
    }

    @ParameterizedTest(name = CASE_NAME)
    @DisplayName("a literal on the left, a property on the right or a missing operand is rejected")
    @MethodSource("misplacedOperands")
    void misplacedOperand(String text, int position, String message) {
        assertSyntaxError(text, position, message);
    }

    static Stream<Arguments> trailingGarbage() {
        return Stream.of(
                arguments("Region = 'EU' Country = 'DE'", 14,
                        "filter: expected AND, OR or end of filter after 'EU' at position 14, found 'Country'"),
                arguments("A = TRUE FALSE", 9,
                        "filter: expected AND, OR or end of filter after 'TRUE' at position 9, found 'FALSE'"),
                arguments("A = 1 ,", 6, "filter: expected AND, OR or end of filter after '1' at position 6, found ','"),
                arguments("A = 5abc", 5, "filter: expected AND, OR or end of filter after '5' at position 5, found 'abc'"));
    }

    @ParameterizedTest(name = CASE_NAME)
    @DisplayName("trailing text after a complete filter is rejected")
    @MethodSource("trailingGarbage")
    void trailingText(String text, int position, String message) {
        assertSyntaxError(text, position, message);
    }

    static Stream<Arguments> unbalancedParentheses() {
        return Stream.of(
                arguments("(Region = 'EU'", 14,
                        "filter: expected AND, OR or ')' after 'EU' at position 14, found end of filter"),
                arguments("((A = 1)", 8, "filter: expected AND, OR or ')' after ')' at position 8, found end of filter"),
                arguments("Region = 'EU')", 13,
                        "filter: expected AND, OR or end of filter after 'EU' at position 13, found ')'"),
                arguments("()", 1, "filter: expected a property, NOT, EXISTS or '(' after '(' at position 1, found ')'"),
                arguments(")", 0, "filter: expected a property, NOT, EXISTS or '(' at position 0, found ')'"));
    }

    @ParameterizedTest(name = CASE_NAME)
    @DisplayName("unbalanced or empty parentheses are rejected")
    @MethodSource("unbalancedParentheses")
    void unbalancedParenthesis(String text, int position, String message) {
        assertSyntaxError(text, position, message);
    }

    static Stream<Arguments> badInLists() {
        return Stream.of(
                arguments("Region IN ()", 11,
                        "filter: expected a literal (an IN list must not be empty) after '(' at position 11, found ')'"),
                arguments("Region NOT IN ()", 15,
                        "filter: expected a literal (an IN list must not be empty) after '(' at position 15, found ')'"),
                arguments("Region IN ('EU',)", 16, "filter: expected a literal after ',' at position 16, found ')'"),
                arguments("Region IN ('EU' 'US')", 16, "filter: expected ',' or ')' after 'EU' at position 16, found 'US'"),
                arguments("Region IN ('EU'", 15,
                        "filter: expected ',' or ')' after 'EU' at position 15, found end of filter"),
                arguments("Region IN (Country)", 11,
                        "filter: expected a literal (an IN list must not be empty) after '(' at position 11, "
                                + "found 'Country'"));
    }

    @ParameterizedTest(name = CASE_NAME)
    @DisplayName("empty, unclosed or malformed IN lists are rejected")
    @MethodSource("badInLists")
    void badInList(String text, int position, String message) {
        assertSyntaxError(text, position, message);
    }

    static Stream<Arguments> badLiterals() {
        return Stream.of(
                arguments("Region = 'EU", 9,
                        "filter: expected a closing quote (') for the string at position 9, found end of filter"),
                arguments("Name = 'O''Brien", 7,
                        "filter: expected a closing quote (') for the string at position 7, found end of filter"),
                arguments("Name = 'it''", 7,
                        "filter: expected a closing quote (') for the string at position 7, found end of filter"),
                arguments("A = -", 5, "filter: expected a digit after '-' at position 5, found end of filter"),
                arguments("A = -x", 5, "filter: expected a digit after '-' at position 5, found 'x'"),
                arguments("A = 1.", 6, "filter: expected a digit after '.' at position 6, found end of filter"),
                arguments("A = .5", 4, "filter: expected a property, literal, operator, keyword or parenthesis "
                        + "at position 4, found '.'"),
                arguments("A = 1e", 6, "filter: expected a digit after '1e' at position 6, found end of filter"),
                arguments("A = 1e+x", 7, "filter: expected a digit after '1e+' at position 7, found 'x'"),
                arguments("A = 1.5.3", 7, "filter: expected a property, literal, operator, keyword or parenthesis "
                        + "at position 7, found '.'"),
                arguments("A = 1e99999999999", 4,
                        "filter: expected a number with an exponent in range at position 4, found '1e99999999999'"));
    }

    @ParameterizedTest(name = CASE_NAME)
    @DisplayName("unterminated strings and malformed numbers are rejected")
    @MethodSource("badLiterals")
    void badLiteral(String text, int position, String message) {
        assertSyntaxError(text, position, message);
    }

    static Stream<Arguments> badProperties() {
        return Stream.of(
                arguments("bts.SPName = 'x'", 0,
                        "filter: expected the prefix 'BTS.' in capitals at position 0, found 'bts.'"),
                arguments("BTS. = 1", 4, "filter: expected a property name after 'BTS.' at position 4, found whitespace"),
                arguments("BTS.1 = 1", 4, "filter: expected a property name after 'BTS.' at position 4, found '1'"),
                arguments("Order.Region = 'EU'", 5, "filter: expected a property, literal, operator, keyword or "
                        + "parenthesis at position 5, found '.'"),
                arguments("{urn:acme Region = 1", 9, "filter: expected '}' after '{urn:acme' at position 9, found whitespace"),
                arguments("{urn:acme", 9, "filter: expected '}' after '{urn:acme' at position 9, found end of filter"),
                arguments("{urn:{a}R = 1", 5, "filter: expected '}' after '{urn:' at position 5, found '{'"),
                arguments("{urn:acme} Region = 1", 10,
                        "filter: expected a property name after '{urn:acme}' at position 10, found whitespace"),
                arguments("{urn:acme}9 = 1", 10,
                        "filter: expected a property name after '{urn:acme}' at position 10, found '9'"),
                arguments("Région = 1", 1, "filter: expected a property, literal, operator, keyword or parenthesis "
                        + "at position 1, found 'é'"),
                arguments("A = 1 # B", 6, "filter: expected a property, literal, operator, keyword or parenthesis "
                        + "at position 6, found '#'"),
                arguments("A = \u0001", 4, "filter: expected a property, literal, operator, keyword or parenthesis "
                        + "at position 4, found control character U+0001"));
    }

    @ParameterizedTest(name = CASE_NAME)
    @DisplayName("malformed property names and unknown characters are rejected")
    @MethodSource("badProperties")
    void badProperty(String text, int position, String message) {
        assertSyntaxError(text, position, message);
    }

    @Test
    @DisplayName("a filter longer than 4000 characters is rejected at position 4000")
    void tooLong() {
        String text = "Region = '" + "x".repeat(4001 - "Region = ''".length()) + "'";

        assertThat(text).hasSize(4001);
        assertSyntaxError(text, 4000, "filter: expected at most 4000 characters at position 4000, found 4001 characters");
    }

    @Test
    @DisplayName("65 nested parentheses are rejected at the 65th '('")
    void parenthesesTooDeep() {
        String text = "(".repeat(65) + "A = 1" + ")".repeat(65);

        assertSyntaxError(text, 64,
                "filter: expected at most 64 levels of parentheses and NOT at position 64, found '(' opening level 65");
    }

    @Test
    @DisplayName("65 nested NOTs are rejected at the 65th NOT")
    void notsTooDeep() {
        String text = "NOT ".repeat(65) + "A = 1";

        assertSyntaxError(text, 256,
                "filter: expected at most 64 levels of parentheses and NOT at position 256, found 'NOT' opening level 65");
    }

    @Test
    @DisplayName("parentheses and NOTs count together towards the nesting limit")
    void mixedNestingTooDeep() {
        String text = "(NOT ".repeat(33) + "A = 1" + ")".repeat(33);

        assertSyntaxError(text, 160,
                "filter: expected at most 64 levels of parentheses and NOT at position 160, found '(' opening level 65");
    }

    @Test
    @DisplayName("2000 opening parentheses give a syntax error, not a StackOverflowError")
    void deepNestingDoesNotOverflow() {
        String text = "(".repeat(2000) + "A = 1" + ")".repeat(1995);

        assertThat(parseFailure(text).position()).isEqualTo(64);
    }

    @Test
    @DisplayName("FilterSyntaxException is an IllegalArgumentException")
    void isIllegalArgument() {
        assertThat(parseFailure("A =")).isInstanceOf(IllegalArgumentException.class);
    }
}
