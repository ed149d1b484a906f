package io.conveyor.engine.routing.filter;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Splits a filter's text into tokens, ending with an {@link Token.Kind#END} token. */
final class Tokenizer {

    private static final String SYSTEM_PREFIX = "BTS";
    private static final List<String> OPERATOR_SYMBOLS = List.of("<=", "<>", ">=", "!=", "=", "<", ">");
    private static final Map<String, Token.Kind> KEYWORDS = Map.of(
            "AND", Token.Kind.AND,
            "OR", Token.Kind.OR,
            "NOT", Token.Kind.NOT,
            "IN", Token.Kind.IN,
            "EXISTS", Token.Kind.EXISTS);

    private final String text;
    private int position;

    private Tokenizer(String text) {
        this.text = text;
    }

    /**
     * Returns the tokens of {@code text}.
     *
     * @throws FilterSyntaxException if the text holds a character or a token the language does not have
     */
    static List<Token> tokenize(String text) {
        return new Tokenizer(text).tokens();
    }

    private List<Token> tokens() {
        List<Token> tokens = new ArrayList<>();
        skipWhitespace();
        while (position < text.length()) {
            tokens.add(nextToken());
            skipWhitespace();
        }
        tokens.add(new Token(Token.Kind.END, "", position, null));
        return tokens;
    }

    private void skipWhitespace() {
        while (position < text.length() && Character.isWhitespace(text.charAt(position))) {
            position++;
        }
    }

    private Token nextToken() {
        char first = text.charAt(position);
        return switch (first) {
            case '(' -> punctuation(Token.Kind.LEFT_PAREN);
            case ')' -> punctuation(Token.Kind.RIGHT_PAREN);
            case ',' -> punctuation(Token.Kind.COMMA);
            case '\'' -> string();
            case '{' -> clarkProperty();
            case '=', '!', '<', '>' -> operator();
            default -> numberOrWord(first);
        };
    }

    private Token punctuation(Token.Kind kind) {
        int start = position++;
        return new Token(kind, text.substring(start, position), start, null);
    }

    /** Reads the longest operator symbol here; a lone {@code !} is the only text that is none. */
    private Token operator() {
        int start = position;
        for (String symbol : OPERATOR_SYMBOLS) {
            if (text.startsWith(symbol, start)) {
                position += symbol.length();
                return new Token(Token.Kind.OPERATOR, symbol, start, ComparisonOperator.forSymbol(symbol));
            }
        }
        throw expected("'='", "'!'", start + 1);
    }

    private Token numberOrWord(char first) {
        if (first == '-' || isDigit(first)) {
            return number();
        }
        if (isIdentifierStart(first)) {
            return word();
        }
        throw expected("a property, literal, operator, keyword or parenthesis", null, position);
    }

    /** Reads {@code 'text'}, where {@code ''} stands for one quote. */
    private Token string() {
        int start = position;
        StringBuilder value = new StringBuilder();
        position++;
        while (position < text.length()) {
            char next = text.charAt(position++);
            if (next != '\'') {
                value.append(next);
            } else if (position < text.length() && text.charAt(position) == '\'') {
                value.append('\'');
                position++;
            } else {
                return new Token(Token.Kind.LITERAL, text.substring(start, position), start,
                        new Literal.StringLiteral(value.toString()));
            }
        }
        throw FilterSyntaxException.expected("a closing quote (') for the string", null, start, "end of filter");
    }

    /** Reads an optional minus, digits, an optional fraction and an optional exponent. */
    private Token number() {
        int start = position;
        if (text.charAt(position) == '-') {
            position++;
            requireDigit("'-'");
        }
        skipDigits();
        if (peek() == '.') {
            position++;
            requireDigit("'.'");
            skipDigits();
        }
        if (peek() == 'e' || peek() == 'E') {
            position++;
            if (peek() == '+' || peek() == '-') {
                position++;
            }
            requireDigit("'" + text.substring(start, position) + "'");
            skipDigits();
        }
        String number = text.substring(start, position);
        try {
            return new Token(Token.Kind.LITERAL, number, start, new Literal.NumberLiteral(new BigDecimal(number)));
        } catch (NumberFormatException outOfRange) {
            throw FilterSyntaxException.expected("a number with an exponent in range", null, start, "'" + number + "'");
        }
    }

    /** Reads a keyword, a property in the default namespace, or {@code BTS.name}. */
    private Token word() {
        int start = position;
        String word = identifier();
        if (word.equalsIgnoreCase(SYSTEM_PREFIX) && peek() == '.') {
            if (!word.equals(SYSTEM_PREFIX)) {
                throw FilterSyntaxException.expected("the prefix 'BTS.' in capitals", null, start, "'" + word + ".'");
            }
            position++;
            String name = requireIdentifier("'BTS.'");
            return property(start, new PropertyRef(PropertyRef.SYSTEM_NAMESPACE, name));
        }
        String upperCase = word.toUpperCase(Locale.ROOT);
        if (KEYWORDS.containsKey(upperCase)) {
            return new Token(KEYWORDS.get(upperCase), word, start, null);
        }
        if (upperCase.equals("TRUE") || upperCase.equals("FALSE")) {
            return new Token(Token.Kind.LITERAL, word, start, new Literal.BooleanLiteral(upperCase.equals("TRUE")));
        }
        return property(start, new PropertyRef(PropertyRef.DEFAULT_NAMESPACE, word));
    }

    /** Reads {@code {namespaceUri}name}; the namespace holds no whitespace and no braces. */
    private Token clarkProperty() {
        int start = position;
        position++;
        while (position < text.length() && isNamespaceCharacter(text.charAt(position))) {
            position++;
        }
        if (peek() != '}') {
            throw expected("'}'", "'" + text.substring(start, position) + "'", position);
        }
        String namespace = text.substring(start + 1, position);
        position++;
        String name = requireIdentifier("'" + text.substring(start, position) + "'");
        return property(start, new PropertyRef(namespace, name));
    }

    private Token property(int start, PropertyRef property) {
        return new Token(Token.Kind.PROPERTY, text.substring(start, position), start, property);
    }

    private String requireIdentifier(String context) {
        if (!isIdentifierStart(peek())) {
            throw expected("a property name", context, position);
        }
        return identifier();
    }

    private String identifier() {
        int start = position;
        position++;
        while (isIdentifierPart(peek())) {
            position++;
        }
        return text.substring(start, position);
    }

    private void requireDigit(String context) {
        if (!isDigit(peek())) {
            throw expected("a digit", context, position);
        }
    }

    private void skipDigits() {
        while (isDigit(peek())) {
            position++;
        }
    }

    /** Returns the character at the current position, or NUL at the end of the text. */
    private char peek() {
        return position < text.length() ? text.charAt(position) : '\0';
    }

    private FilterSyntaxException expected(String expectation, String context, int at) {
        return FilterSyntaxException.expected(expectation, context, at, describeCharacterAt(at));
    }

    private String describeCharacterAt(int at) {
        if (at >= text.length()) {
            return "end of filter";
        }
        int character = text.codePointAt(at);
        if (Character.isWhitespace(character)) {
            return "whitespace";
        }
        if (Character.isISOControl(character)) {
            return String.format(Locale.ROOT, "control character U+%04X", character);
        }
        return "'" + Character.toString(character) + "'";
    }

    private static boolean isNamespaceCharacter(char character) {
        return character != '}' && character != '{' && !Character.isWhitespace(character);
    }

    private static boolean isDigit(char character) {
        return character >= '0' && character <= '9';
    }

    private static boolean isIdentifierStart(char character) {
        return character >= 'A' && character <= 'Z' || character >= 'a' && character <= 'z' || character == '_';
    }

    private static boolean isIdentifierPart(char character) {
        return isIdentifierStart(character) || isDigit(character) || character == '-';
    }
}
