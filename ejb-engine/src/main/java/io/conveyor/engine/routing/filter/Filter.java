package io.conveyor.engine.routing.filter;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

/**
 * A send port's subscription: a condition over a message's promoted context properties,
 * such as {@code CustomerId = 'ACME' AND Amount >= 1000}.
 *
 * <p>Instances are immutable and safe to share between threads. The language is described in
 * {@code docs/filter-language.md}.
 */
public final class Filter {

    private final String text;
    private final Expression expression;
    private final Set<PropertyRef> referencedProperties;

    private Filter(String text, Expression expression) {
        this.text = text;
        this.expression = expression;
        Set<PropertyRef> properties = new LinkedHashSet<>();
        expression.collectProperties(properties);
        this.referencedProperties = Collections.unmodifiableSet(properties);
    }

    /**
     * Parses a filter.
     *
     * @param text the filter, at most 4000 characters
     * @return the parsed filter
     * @throws FilterSyntaxException if the text is blank, too long, nested too deeply or not valid
     * @throws NullPointerException if the text is null
     */
    public static Filter parse(String text) {
        Objects.requireNonNull(text, "text");
        return new Filter(text, Parser.parse(text));
    }

    /**
     * Evaluates this filter against one message.
     *
     * @param properties the message's promoted properties
     * @return whether the message satisfies the filter
     */
    public boolean matches(PropertyLookup properties) {
        Objects.requireNonNull(properties, "properties");
        return expression.evaluate(properties);
    }

    /**
     * Returns the filter's text.
     *
     * @return the text exactly as given to {@link #parse(String)}
     */
    public String text() {
        return text;
    }

    /**
     * Returns the properties the filter reads.
     *
     * @return an unmodifiable set, in the order the properties first appear in the text
     */
    public Set<PropertyRef> referencedProperties() {
        return referencedProperties;
    }

    /** Returns {@link #text()}. */
    @Override
    public String toString() {
        return text;
    }
}
