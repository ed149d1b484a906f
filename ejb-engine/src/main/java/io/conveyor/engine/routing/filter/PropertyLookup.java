package io.conveyor.engine.routing.filter;

/**
 * Gives a {@link Filter} access to the promoted context properties of one message.
 *
 * <p>Values are {@code String}, {@code Integer}, {@code Long}, {@code Double},
 * {@code java.math.BigDecimal}, {@code Boolean} or {@code java.time.Instant}.
 */
@FunctionalInterface
public interface PropertyLookup {

    /**
     * Returns the value of a promoted property.
     *
     * @param namespace the property's namespace; {@code ""} for the default namespace
     * @param name the property's name
     * @return the promoted property's value, or null when the message has no such property
     */
    Object value(String namespace, String name);
}
