package io.conveyor.engine.routing.filter;

import java.util.ArrayList;
import java.util.List;

/** A recursive-descent parser for the filter grammar; see {@code docs/filter-language.md}. */
final class Parser {

    /** The longest filter text accepted, in characters. */
    static final int MAX_LENGTH = 4000;

    /** The deepest nesting accepted, counting each parenthesised group and each NOT. */
    static final int MAX_DEPTH = 64;

    private static final String PRIMARY_EXPECTATION = "a property, NOT, EXISTS or '('";

    private final List<Token> tokens;
    private int index;
    private int depth;

    private Parser(List<Token> tokens) {
        this.tokens = tokens;
    }

    /**
     * Parses a whole filter.
     *
     * @throws FilterSyntaxException if the text is not a valid filter
     */
    static Expression parse(String text) {
        if (text.length() > MAX_LENGTH) {
            throw FilterSyntaxException.expected(
                    "at most " + MAX_LENGTH + " characters", null, MAX_LENGTH, text.length() + " characters");
        }
        return new Parser(Tokenizer.tokenize(text)).filter();
    }

    private Expression filter() {
        if (current().is(Token.Kind.END)) {
            throw FilterSyntaxException.expected("a condition", null, 0, "an empty filter");
        }
        Expression filter = orExpression();
        expect(Token.Kind.END, "AND, OR or end of filter");
        return filter;
    }

    private Expression orExpression() {
        List<Expression> operands = new ArrayList<>();
        operands.add(andExpression());
        while (accept(Token.Kind.OR)) {
            operands.add(andExpression());
        }
        return operands.size() == 1 ? operands.get(0) : new Expression.Or(List.copyOf(operands));
    }

    private Expression andExpression() {
        List<Expression> operands = new ArrayList<>();
        operands.add(notExpression());
        while (accept(Token.Kind.AND)) {
            operands.add(notExpression());
        }
        return operands.size() == 1 ? operands.get(0) : new Expression.And(List.copyOf(operands));
    }

    private Expression notExpression() {
        if (!current().is(Token.Kind.NOT)) {
            return primary();
        }
        enterNesting();
        advance();
        Expression negated = new Expression.Not(notExpression());
        depth--;
        return negated;
    }

    private Expression primary() {
        if (current().is(Token.Kind.LEFT_PAREN)) {
            enterNesting();
            advance();
            Expression grouped = orExpression();
            expect(Token.Kind.RIGHT_PAREN, "AND, OR or ')'");
            depth--;
            return grouped;
        }
        if (accept(Token.Kind.EXISTS)) {
            return new Expression.Exists(expect(Token.Kind.PROPERTY, "a property").property());
        }
        if (current().is(Token.Kind.LITERAL)) {
            throw unexpected(PRIMARY_EXPECTATION,
                    "the literal " + current().describe() + ", which belongs on the right of an operator");
        }
        PropertyRef property = expect(Token.Kind.PROPERTY, PRIMARY_EXPECTATION).property();
        if (accept(Token.Kind.IN)) {
            return new Expression.In(property, literalList());
        }
        if (accept(Token.Kind.NOT)) {
            expect(Token.Kind.IN, "IN");
            return new Expression.NotIn(property, literalList());
        }
        ComparisonOperator operator = expect(Token.Kind.OPERATOR, "a comparison operator, IN or NOT IN").operator();
        return new Expression.Comparison(property, operator, literal("a literal"));
    }

    /** Reads {@code ( literal, literal, ... )} with at least one literal. */
    private List<Literal> literalList() {
        expect(Token.Kind.LEFT_PAREN, "'('");
        List<Literal> literals = new ArrayList<>();
        literals.add(literal("a literal (an IN list must not be empty)"));
        while (accept(Token.Kind.COMMA)) {
            literals.add(literal("a literal"));
        }
        expect(Token.Kind.RIGHT_PAREN, "',' or ')'");
        return List.copyOf(literals);
    }

    private Literal literal(String expectation) {
        return expect(Token.Kind.LITERAL, expectation).literal();
    }

    private void enterNesting() {
        if (depth == MAX_DEPTH) {
            throw FilterSyntaxException.expected("at most " + MAX_DEPTH + " levels of parentheses and NOT", null,
                    current().position(), current().describe() + " opening level " + (MAX_DEPTH + 1));
        }
        depth++;
    }

    private Token current() {
        return tokens.get(index);
    }

    private void advance() {
        index++;
    }

    private boolean accept(Token.Kind kind) {
        if (!current().is(kind)) {
            return false;
        }
        advance();
        return true;
    }

    /** Consumes and returns the current token if it is of {@code kind}; otherwise reports what was expected. */
    private Token expect(Token.Kind kind, String expectation) {
        Token token = current();
        if (!token.is(kind)) {
            throw unexpected(expectation, token.describe());
        }
        advance();
        return token;
    }

    /** Reports that the current token, described as {@code found}, is not what the grammar expects there. */
    private FilterSyntaxException unexpected(String expectation, String found) {
        String context = index == 0 ? null : tokens.get(index - 1).describe();
        return FilterSyntaxException.expected(expectation, context, current().position(), found);
    }
}
