package io.conveyor.engine.routing.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("Filter")
class FilterTest {

    private static final String ACME_ORDERS = "urn:acme:orders";

    /** A message whose promoted properties are in the default namespace, given as name-value pairs. */
    private static PropertyLookup message(Object... namesAndValues) {
        Map<PropertyRef, Object> properties = new HashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            properties.put(new PropertyRef("", (String) namesAndValues[i]), namesAndValues[i + 1]);
        }
        return lookup(properties);
    }

    private static PropertyLookup lookup(Map<PropertyRef, Object> properties) {
        return (namespace, name) -> properties.get(new PropertyRef(namespace, name));
    }

    private static boolean matches(String filter, PropertyLookup message) {
        return Filter.parse(filter).matches(message);
    }

    @Nested
    @DisplayName("parsing")
    class Parsing {

        @Test
        @DisplayName("text() and toString() return the text exactly as given, whitespace included")
        void keepsOriginalText() {
            String text = "  Region = 'EU'\n\tAND Amount > 5  ";
            Filter filter = Filter.parse(text);

            assertThat(filter.text()).isEqualTo(text);
            assertThat(filter).hasToString(text);
        }

        @Test
        @DisplayName("whitespace between tokens is optional")
        void whitespaceIsOptional() {
            assertThat(matches("(Region='EU'OR Region='US')AND Amount>=-5", message("Region", "US", "Amount", -5)))
                    .isTrue();
        }

        @Test
        @DisplayName("tabs and newlines count as whitespace")
        void tabsAndNewlines() {
            assertThat(matches("Region\t=\n'EU'\r\nAND\tAmount\n<\n10", message("Region", "EU", "Amount", 9)))
                    .isTrue();
        }

        @Test
        @DisplayName("a null text is a NullPointerException, not a syntax error")
        void nullText() {
            assertThatThrownBy(() -> Filter.parse(null)).isInstanceOf(NullPointerException.class);
        }

        @Test
        @DisplayName("matches(null) is a NullPointerException")
        void nullLookup() {
            Filter filter = Filter.parse("Region = 'EU'");

            assertThatThrownBy(() -> filter.matches(null)).isInstanceOf(NullPointerException.class);
        }

        @Test
        @DisplayName("identifiers may hold digits, underscores and hyphens")
        void identifierCharacters() {
            Filter filter = Filter.parse("_Order-Type_2 = 'X'");

            assertThat(filter.referencedProperties()).containsExactly(new PropertyRef("", "_Order-Type_2"));
            assertThat(filter.matches(message("_Order-Type_2", "X"))).isTrue();
        }

        @Test
        @DisplayName("a filter of exactly 4000 characters is accepted")
        void maximumLength() {
            String filter = "Region = '" + "x".repeat(4000 - "Region = ''".length()) + "'";

            assertThat(filter).hasSize(4000);
            assertThat(Filter.parse(filter).matches(message("Region", "x".repeat(3989)))).isTrue();
        }

        @Test
        @DisplayName("64 nested parentheses are accepted")
        void maximumParenthesesDepth() {
            String filter = "(".repeat(64) + "Region = 'EU'" + ")".repeat(64);

            assertThat(matches(filter, message("Region", "EU"))).isTrue();
        }

        @Test
        @DisplayName("64 nested NOTs are accepted and negate 64 times")
        void maximumNotDepth() {
            assertThat(matches("NOT ".repeat(64) + "Region = 'EU'", message("Region", "EU"))).isTrue();
            assertThat(matches("NOT ".repeat(63) + "Region = 'EU'", message("Region", "EU"))).isFalse();
        }

        @Test
        @DisplayName("long AND and OR chains do not count as nesting")
        void longChainsAreFlat() {
            String filter = String.join(" AND ", Collections.nCopies(300, "A = 1"));

            assertThat(filter.length()).isLessThan(4000);
            assertThat(matches(filter, message("A", 1))).isTrue();
            assertThat(matches(filter, message("A", 2))).isFalse();
        }
    }

    @Nested
    @DisplayName("keywords")
    class Keywords {

        @ParameterizedTest(name = "{0}")
        @DisplayName("keywords are case-insensitive")
        @ValueSource(strings = {
            "not region = 'EU' and exists amount and (amount in (1) or flag = true) and flag not in (false)",
            "NOT region = 'EU' AND EXISTS amount AND (amount IN (1) OR flag = TRUE) AND flag NOT IN (FALSE)",
            "Not region = 'EU' And Exists amount And (amount In (1) Or flag = True) And flag Not In (False)",
            "nOt region = 'EU' aNd eXiStS amount AnD (amount iN (1) oR flag = tRuE) aNd flag NoT iN (fAlSe)"
        })
        void caseInsensitive(String filter) {
            assertThat(matches(filter, message("region", "US", "amount", 1, "flag", true))).isTrue();
            assertThat(matches(filter, message("region", "EU", "amount", 1, "flag", true))).isFalse();
            assertThat(matches(filter, message("region", "US", "amount", 1, "flag", false))).isFalse();
        }

        @Test
        @DisplayName("a property named like a keyword is written in Clark notation with an empty namespace")
        void keywordAsPropertyName() {
            Filter filter = Filter.parse("{}In = 'x' AND {}exists = 1");

            assertThat(filter.referencedProperties())
                    .containsExactly(new PropertyRef("", "In"), new PropertyRef("", "exists"));
            assertThat(filter.matches(message("In", "x", "exists", 1))).isTrue();
        }

        @Test
        @DisplayName("a keyword is recognised only as a whole word")
        void keywordsAreWholeWords() {
            Filter filter = Filter.parse("ANDroid = 1 AND ORder = 2 AND NOTe = 3 AND INfo = 4");

            assertThat(filter.referencedProperties()).extracting(PropertyRef::name)
                    .containsExactly("ANDroid", "ORder", "NOTe", "INfo");
            assertThat(filter.matches(message("ANDroid", 1, "ORder", 2, "NOTe", 3, "INfo", 4))).isTrue();
        }
    }

    @Nested
    @DisplayName("precedence and parentheses")
    class Precedence {

        @Test
        @DisplayName("AND binds tighter than OR: A OR B AND C is A OR (B AND C)")
        void andBeforeOr() {
            String filter = "A = 1 OR B = 1 AND C = 1";

            assertThat(matches(filter, message("A", 1, "B", 0, "C", 0))).isTrue();
            assertThat(matches(filter, message("A", 0, "B", 1, "C", 0))).isFalse();
            assertThat(matches(filter, message("A", 0, "B", 1, "C", 1))).isTrue();
        }

        @Test
        @DisplayName("parentheses override precedence: (A OR B) AND C")
        void parenthesesOverride() {
            String filter = "(A = 1 OR B = 1) AND C = 1";

            assertThat(matches(filter, message("A", 1, "B", 0, "C", 0))).isFalse();
            assertThat(matches(filter, message("A", 1, "B", 0, "C", 1))).isTrue();
        }

        @Test
        @DisplayName("NOT binds tighter than AND: NOT A AND B is (NOT A) AND B")
        void notBeforeAnd() {
            String filter = "NOT A = 1 AND B = 1";

            assertThat(matches(filter, message("A", 0, "B", 1))).isTrue();
            assertThat(matches(filter, message("A", 1, "B", 0))).isFalse();
            assertThat(matches(filter, message("A", 0, "B", 0))).isFalse();
        }

        @Test
        @DisplayName("NOT applied to a parenthesised group negates the whole group")
        void notOfGroup() {
            String filter = "NOT (A = 1 AND B = 1)";

            assertThat(matches(filter, message("A", 1, "B", 0))).isTrue();
            assertThat(matches(filter, message("A", 1, "B", 1))).isFalse();
        }

        @Test
        @DisplayName("NOT NOT cancels out")
        void doubleNegation() {
            assertThat(matches("NOT NOT A = 1", message("A", 1))).isTrue();
            assertThat(matches("NOT NOT A = 1", message("A", 2))).isFalse();
        }

        @Test
        @DisplayName("redundant parentheses change nothing")
        void redundantParentheses() {
            assertThat(matches("((A = 1)) OR ((((B = 1))))", message("A", 0, "B", 1))).isTrue();
            assertThat(matches("((A = 1)) OR ((((B = 1))))", message("A", 0, "B", 0))).isFalse();
        }

        @Test
        @DisplayName("operators chain left to right: A AND B AND C OR D")
        void chains() {
            String filter = "A = 1 AND B = 1 AND C = 1 OR D = 1";

            assertThat(matches(filter, message("A", 1, "B", 1, "C", 1, "D", 0))).isTrue();
            assertThat(matches(filter, message("A", 1, "B", 0, "C", 1, "D", 0))).isFalse();
            assertThat(matches(filter, message("A", 0, "B", 0, "C", 0, "D", 1))).isTrue();
        }
    }

    @Nested
    @DisplayName("operators on numbers")
    class Operators {

        @ParameterizedTest(name = "Amount = 10: {0} is {1}")
        @DisplayName("each comparison operator")
        @CsvSource({
            "Amount = 10, true", "Amount = 11, false",
            "Amount != 10, false", "Amount != 11, true",
            "Amount <> 10, false", "Amount <> 11, true",
            "Amount < 11, true", "Amount < 10, false",
            "Amount <= 10, true", "Amount <= 9, false",
            "Amount > 9, true", "Amount > 10, false",
            "Amount >= 10, true", "Amount >= 11, false"
        })
        void comparisonOperators(String filter, boolean expected) {
            assertThat(matches(filter, message("Amount", 10))).isEqualTo(expected);
        }

        @Test
        @DisplayName("IN is true when any literal equals the value")
        void in() {
            assertThat(matches("Amount IN (1, 10, 100)", message("Amount", 10))).isTrue();
            assertThat(matches("Amount IN (1, 100)", message("Amount", 10))).isFalse();
            assertThat(matches("Amount IN (10)", message("Amount", 10))).isTrue();
        }

        @Test
        @DisplayName("NOT IN is true when the value equals no literal")
        void notIn() {
            assertThat(matches("Amount NOT IN (1, 100)", message("Amount", 10))).isTrue();
            assertThat(matches("Amount NOT IN (1, 10, 100)", message("Amount", 10))).isFalse();
        }

        @Test
        @DisplayName("IN lists may mix literal types; each is compared under the = rules")
        void mixedInList() {
            String filter = "Code IN ('A', 7, TRUE)";

            assertThat(matches(filter, message("Code", "A"))).isTrue();
            assertThat(matches(filter, message("Code", 7L))).isTrue();
            assertThat(matches(filter, message("Code", "7.0"))).isTrue();
            assertThat(matches(filter, message("Code", Boolean.TRUE))).isTrue();
            assertThat(matches(filter, message("Code", "B"))).isFalse();
        }

        @Test
        @DisplayName("EXISTS is true exactly when the property has a value")
        void exists() {
            assertThat(matches("EXISTS Region", message("Region", ""))).isTrue();
            assertThat(matches("EXISTS Region", message("Region", false))).isTrue();
            assertThat(matches("EXISTS Region", message("Country", "DE"))).isFalse();
            assertThat(matches("NOT EXISTS Region", message("Country", "DE"))).isTrue();
        }
    }

    @Nested
    @DisplayName("numbers")
    class Numbers {

        @Test
        @DisplayName("Integer, Long, Double and BigDecimal values compare numerically with number literals")
        void everyNumericType() {
            assertThat(matches("Amount = 42", message("Amount", 42))).isTrue();
            assertThat(matches("Amount = 42", message("Amount", 42L))).isTrue();
            assertThat(matches("Amount = 42", message("Amount", 42.0))).isTrue();
            assertThat(matches("Amount = 42", message("Amount", new BigDecimal("42.000")))).isTrue();
            assertThat(matches("Amount = 42", message("Amount", 43))).isFalse();
        }

        @Test
        @DisplayName("1 = 1.0: scale does not matter")
        void scaleIgnored() {
            assertThat(matches("Amount = 1.0", message("Amount", 1))).isTrue();
            assertThat(matches("Amount = 1", message("Amount", new BigDecimal("1.00")))).isTrue();
            assertThat(matches("Amount = 1", message("Amount", 1.0))).isTrue();
        }

        @Test
        @DisplayName("a Double compares by its decimal form, so 0.1 = 0.1")
        void doubleDecimalForm() {
            assertThat(matches("Rate = 0.1", message("Rate", 0.1))).isTrue();
            assertThat(matches("Rate < 0.11", message("Rate", 0.1))).isTrue();
        }

        @Test
        @DisplayName("large Long values compare exactly")
        void largeLongs() {
            assertThat(matches("Id = 9223372036854775807", message("Id", Long.MAX_VALUE))).isTrue();
            assertThat(matches("Id = 9223372036854775806", message("Id", Long.MAX_VALUE))).isFalse();
            assertThat(matches("Id > 9223372036854775806", message("Id", Long.MAX_VALUE))).isTrue();
        }

        @ParameterizedTest(name = "{0}")
        @DisplayName("number literals: negative, fraction, exponent")
        @CsvSource({
            "Amount = -12.5, -12.5",
            "Amount = 1e3, 1000",
            "Amount = 1E3, 1000",
            "Amount = 2.5e-1, 0.25",
            "Amount = 2.5E+2, 250",
            "Amount = -0, 0",
            "Amount = 007, 7"
        })
        void numberLiterals(String filter, String value) {
            assertThat(matches(filter, message("Amount", new BigDecimal(value)))).isTrue();
        }

        @Test
        @DisplayName("NaN and infinite Double values compare with nothing")
        void nonFiniteDoubles() {
            assertThat(matches("Amount = 0 OR Amount != 0 OR Amount > 0 OR Amount < 0", message("Amount", Double.NaN)))
                    .isFalse();
            assertThat(matches("Amount > 0", message("Amount", Double.POSITIVE_INFINITY))).isFalse();
        }

        @Test
        @DisplayName("a String value that parses as a number compares numerically with a number literal")
        void numericString() {
            assertThat(matches("Amount = 10", message("Amount", "10.00"))).isTrue();
            assertThat(matches("Amount > 9.5", message("Amount", "10"))).isTrue();
            assertThat(matches("Amount < 9.5", message("Amount", "10"))).isFalse();
            assertThat(matches("Amount != 11", message("Amount", "10"))).isTrue();
        }

        @Test
        @DisplayName("a String value that is not a number makes every number comparison false, != included")
        void nonNumericString() {
            PropertyLookup message = message("Amount", "ten");

            assertThat(matches("Amount = 10", message)).isFalse();
            assertThat(matches("Amount != 10", message)).isFalse();
            assertThat(matches("Amount < 10", message)).isFalse();
            assertThat(matches("Amount >= 10", message)).isFalse();
            assertThat(matches("Amount NOT IN (10)", message)).isFalse();
            assertThat(matches("NOT Amount = 10", message)).isTrue();
        }

        @Test
        @DisplayName("a number value compares numerically with a string literal that parses as a number")
        void stringLiteralAgainstNumber() {
            assertThat(matches("Amount = '100'", message("Amount", 100))).isTrue();
            assertThat(matches("Amount >= '99.5'", message("Amount", new BigDecimal("99.5")))).isTrue();
            assertThat(matches("Amount = 'hundred'", message("Amount", 100))).isFalse();
            assertThat(matches("Amount != 'hundred'", message("Amount", 100))).isFalse();
        }

        @Test
        @DisplayName("Boolean and Instant values do not compare with number literals")
        void numbersDoNotMixWithBooleansOrInstants() {
            assertThat(matches("Flag = 1 OR Flag != 1", message("Flag", true))).isFalse();
            assertThat(matches("Sent = 0 OR Sent > 0", message("Sent", Instant.EPOCH))).isFalse();
        }
    }

    @Nested
    @DisplayName("strings")
    class Strings {

        @Test
        @DisplayName("string equality is exact and case-sensitive")
        void exactEquality() {
            assertThat(matches("Customer = 'ACME'", message("Customer", "ACME"))).isTrue();
            assertThat(matches("Customer = 'ACME'", message("Customer", "acme"))).isFalse();
            assertThat(matches("Customer = 'ACME'", message("Customer", "ACME "))).isFalse();
            assertThat(matches("Customer != 'ACME'", message("Customer", "acme"))).isTrue();
        }

        @Test
        @DisplayName("ordering operators on strings use String.compareTo")
        void ordering() {
            assertThat(matches("Code < 'B'", message("Code", "A"))).isTrue();
            assertThat(matches("Code < 'B'", message("Code", "a"))).isFalse();
            assertThat(matches("Code >= 'B'", message("Code", "B"))).isTrue();
            assertThat(matches("Code > 'B'", message("Code", "BA"))).isTrue();
            assertThat(matches("Code <= '10'", message("Code", "9"))).isFalse();
        }

        @Test
        @DisplayName("a string property compared with a string literal compares as text even when both look numeric")
        void numericLookingStringsCompareAsText() {
            assertThat(matches("Code = '1.0'", message("Code", "1"))).isFalse();
        }

        @Test
        @DisplayName("two quotes inside a string stand for one quote")
        void quoteEscaping() {
            assertThat(matches("Customer = 'O''Brien'", message("Customer", "O'Brien"))).isTrue();
            assertThat(matches("Customer = ''''", message("Customer", "'"))).isTrue();
            assertThat(matches("Customer = 'it''''s'", message("Customer", "it''s"))).isTrue();
            assertThat(matches("Customer = 'it'''", message("Customer", "it'"))).isTrue();
        }

        @Test
        @DisplayName("the empty string is a literal")
        void emptyString() {
            assertThat(matches("Customer = ''", message("Customer", ""))).isTrue();
            assertThat(matches("Customer = ''", message("Customer", " "))).isFalse();
        }

        @Test
        @DisplayName("strings keep whitespace, parentheses, keywords and non-ASCII text as they are")
        void stringContentsAreLiteral() {
            assertThat(matches("Note = ' a AND (b) OR ) ''x'' ünï ' ", message("Note", " a AND (b) OR ) 'x' ünï ")))
                    .isTrue();
        }
    }

    @Nested
    @DisplayName("booleans")
    class Booleans {

        @Test
        @DisplayName("TRUE and FALSE match Boolean values")
        void booleanValues() {
            assertThat(matches("Urgent = TRUE", message("Urgent", true))).isTrue();
            assertThat(matches("Urgent = FALSE", message("Urgent", true))).isFalse();
            assertThat(matches("Urgent != FALSE", message("Urgent", true))).isTrue();
            assertThat(matches("Urgent <> TRUE", message("Urgent", true))).isFalse();
        }

        @Test
        @DisplayName("TRUE and FALSE match the strings 'true' and 'false' in any case")
        void booleanStrings() {
            assertThat(matches("Urgent = TRUE", message("Urgent", "True"))).isTrue();
            assertThat(matches("Urgent = FALSE", message("Urgent", "FALSE"))).isTrue();
            assertThat(matches("Urgent = TRUE", message("Urgent", "false"))).isFalse();
            assertThat(matches("Urgent != TRUE", message("Urgent", "false"))).isTrue();
        }

        @Test
        @DisplayName("other strings and numbers compare with no boolean literal, != included")
        void nonBooleanValues() {
            assertThat(matches("Urgent = TRUE OR Urgent != TRUE", message("Urgent", "yes"))).isFalse();
            assertThat(matches("Urgent = TRUE OR Urgent != TRUE", message("Urgent", 1))).isFalse();
        }

        @Test
        @DisplayName("ordering operators on booleans are false")
        void noOrdering() {
            PropertyLookup message = message("Urgent", true);

            assertThat(matches("Urgent < TRUE OR Urgent <= TRUE OR Urgent > TRUE OR Urgent >= TRUE", message))
                    .isFalse();
            assertThat(matches("Urgent > FALSE OR Urgent >= FALSE", message)).isFalse();
        }

        @Test
        @DisplayName("a Boolean value equals the string literals 'true' and 'false' in any case")
        void stringLiteralAgainstBoolean() {
            assertThat(matches("Urgent = 'TRUE'", message("Urgent", true))).isTrue();
            assertThat(matches("Urgent = 'false'", message("Urgent", true))).isFalse();
            assertThat(matches("Urgent = 'yes' OR Urgent != 'yes'", message("Urgent", true))).isFalse();
            assertThat(matches("Urgent >= 'true'", message("Urgent", true))).isFalse();
        }
    }

    @Nested
    @DisplayName("instants")
    class Instants {

        private final PropertyLookup message = message("Received", Instant.parse("2026-01-01T12:00:00Z"));

        @Test
        @DisplayName("an Instant compares with a string literal holding an ISO-8601 instant")
        void isoInstant() {
            assertThat(matches("Received = '2026-01-01T12:00:00Z'", message)).isTrue();
            assertThat(matches("Received = '2026-01-01T12:00:00.000Z'", message)).isTrue();
            assertThat(matches("Received > '2026-01-01T00:00:00Z'", message)).isTrue();
            assertThat(matches("Received < '2026-01-01T00:00:00Z'", message)).isFalse();
            assertThat(matches("Received != '2026-01-01T00:00:00Z'", message)).isTrue();
            assertThat(matches("Received <= '2026-01-01T12:00:00Z'", message)).isTrue();
        }

        @Test
        @DisplayName("an ISO-8601 instant with a UTC offset is accepted")
        void offset() {
            assertThat(matches("Received = '2026-01-01T13:00:00+01:00'", message)).isTrue();
        }

        @Test
        @DisplayName("a literal that is not an instant makes every comparison false, != included")
        void notAnInstant() {
            assertThat(matches("Received = '2026-01-01' OR Received != '2026-01-01' OR Received > 'yesterday'", message))
                    .isFalse();
        }

        @Test
        @DisplayName("IN compares instants under the = rules")
        void inList() {
            assertThat(matches("Received IN ('2025-01-01T00:00:00Z', '2026-01-01T12:00:00Z')", message)).isTrue();
            assertThat(matches("Received NOT IN ('2025-01-01T00:00:00Z')", message)).isTrue();
        }

        @Test
        @DisplayName("a String value that looks like an instant compares as text")
        void stringValueComparesAsText() {
            assertThat(matches("Received = '2026-01-01T12:00:00.000Z'", message("Received", "2026-01-01T12:00:00Z")))
                    .isFalse();
        }
    }

    @Nested
    @DisplayName("absent properties")
    class AbsentProperties {

        private final PropertyLookup empty = message();

        @ParameterizedTest(name = "{0}")
        @DisplayName("every comparison and IN on an absent property is false")
        @ValueSource(strings = {
            "Region = 'EU'", "Region != 'EU'", "Region <> 'EU'", "Region < 'EU'", "Region <= 'EU'",
            "Region > 'EU'", "Region >= 'EU'", "Region = 1", "Region != 1", "Region = TRUE", "Region != FALSE",
            "Region IN ('EU', 'US')", "Region NOT IN ('EU', 'US')", "EXISTS Region"
        })
        void comparisonsAreFalse(String filter) {
            assertThat(matches(filter, empty)).isFalse();
        }

        @ParameterizedTest(name = "{0}")
        @DisplayName("NOT simply negates, so NOT of a comparison on an absent property is true")
        @ValueSource(strings = {
            "NOT Region = 'EU'", "NOT Region != 'EU'", "NOT Region IN ('EU')", "NOT Region NOT IN ('EU')",
            "NOT EXISTS Region"
        })
        void notNegates(String filter) {
            assertThat(matches(filter, empty)).isTrue();
        }

        @Test
        @DisplayName("an absent property does not stop the rest of an OR from matching")
        void orWithAbsent() {
            assertThat(matches("Region = 'EU' OR Amount > 5", message("Amount", 6))).isTrue();
        }
    }

    @Nested
    @DisplayName("namespaces")
    class Namespaces {

        @Test
        @DisplayName("a bare name is in the default namespace")
        void defaultNamespace() {
            Filter filter = Filter.parse("Region = 'EU'");

            assertThat(filter.referencedProperties()).containsExactly(new PropertyRef("", "Region"));
            assertThat(filter.matches(lookup(Map.of(new PropertyRef("", "Region"), "EU")))).isTrue();
            assertThat(filter.matches(lookup(Map.of(new PropertyRef(ACME_ORDERS, "Region"), "EU")))).isFalse();
        }

        @Test
        @DisplayName("BTS. names a system property")
        void systemNamespace() {
            Filter filter = Filter.parse("BTS.SPName = 'SendToSap'");

            assertThat(filter.referencedProperties())
                    .containsExactly(new PropertyRef("urn:conveyor:system-properties", "SPName"));
            assertThat(filter.matches(lookup(Map.of(new PropertyRef(PropertyRef.SYSTEM_NAMESPACE, "SPName"), "SendToSap"))))
                    .isTrue();
            assertThat(filter.matches(message("SPName", "SendToSap"))).isFalse();
        }

        @Test
        @DisplayName("BTS. may be followed by a keyword, which is then a property name")
        void systemPropertyNamedLikeKeyword() {
            assertThat(Filter.parse("EXISTS BTS.Not").referencedProperties())
                    .containsExactly(new PropertyRef(PropertyRef.SYSTEM_NAMESPACE, "Not"));
        }

        @Test
        @DisplayName("the prefix BTS is case-sensitive; a bare BTS is an ordinary property")
        void bareBts() {
            assertThat(Filter.parse("BTS = 1").referencedProperties()).containsExactly(new PropertyRef("", "BTS"));
        }

        @Test
        @DisplayName("Clark notation names any namespace")
        void clarkNotation() {
            Filter filter = Filter.parse("{urn:acme:orders}Region = 'EU' AND {http://acme.example/ns?v=2#x}Id = 1");

            assertThat(filter.referencedProperties()).containsExactly(
                    new PropertyRef(ACME_ORDERS, "Region"), new PropertyRef("http://acme.example/ns?v=2#x", "Id"));
            assertThat(filter.matches(lookup(Map.of(
                    new PropertyRef(ACME_ORDERS, "Region"), "EU",
                    new PropertyRef("http://acme.example/ns?v=2#x", "Id"), 1)))).isTrue();
            assertThat(filter.matches(message("Region", "EU", "Id", 1))).isFalse();
        }

        @Test
        @DisplayName("Clark notation with the system namespace is the same property as BTS.")
        void clarkSystemNamespace() {
            assertThat(Filter.parse("{urn:conveyor:system-properties}SPName = 'x'").referencedProperties())
                    .isEqualTo(Filter.parse("BTS.SPName = 'x'").referencedProperties());
        }

        @Test
        @DisplayName("the same name in different namespaces is three different properties")
        void sameNameDifferentNamespaces() {
            Filter filter = Filter.parse("Region = 'A' AND BTS.Region = 'B' AND {urn:acme:orders}Region = 'C'");
            PropertyLookup message = lookup(Map.of(
                    new PropertyRef("", "Region"), "A",
                    new PropertyRef(PropertyRef.SYSTEM_NAMESPACE, "Region"), "B",
                    new PropertyRef(ACME_ORDERS, "Region"), "C"));

            assertThat(filter.referencedProperties()).hasSize(3);
            assertThat(filter.matches(message)).isTrue();
        }
    }

    @Nested
    @DisplayName("referencedProperties()")
    class ReferencedProperties {

        @Test
        @DisplayName("lists each property once, in order of first appearance, from every kind of condition")
        void orderAndDistinct() {
            Filter filter = Filter.parse(
                    "NOT (Amount > 5 OR EXISTS BTS.SPName) AND Region IN ('EU') AND Amount < 9 "
                            + "OR {urn:acme:orders}Customer NOT IN ('X') OR Region = 'US'");

            assertThat(filter.referencedProperties()).containsExactly(
                    new PropertyRef("", "Amount"),
                    new PropertyRef(PropertyRef.SYSTEM_NAMESPACE, "SPName"),
                    new PropertyRef("", "Region"),
                    new PropertyRef(ACME_ORDERS, "Customer"));
        }

        @Test
        @DisplayName("is unmodifiable")
        void unmodifiable() {
            Filter filter = Filter.parse("Region = 'EU'");

            assertThatThrownBy(() -> filter.referencedProperties().add(new PropertyRef("", "X")))
                    .isInstanceOf(UnsupportedOperationException.class);
        }

        @Test
        @DisplayName("PropertyRef prints as it is written in a filter")
        void propertyRefToString() {
            assertThat(new PropertyRef("", "Region")).hasToString("Region");
            assertThat(new PropertyRef(PropertyRef.SYSTEM_NAMESPACE, "SPName")).hasToString("BTS.SPName");
            assertThat(new PropertyRef(ACME_ORDERS, "Region")).hasToString("{urn:acme:orders}Region");
        }
    }
}
