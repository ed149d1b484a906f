package io.conveyor.adapter;

import java.util.List;

/**
 * The properties of a message (contract §2.13 {@code IBaseMessageContext}), each identified by a name and a
 * namespace. A <em>promoted</em> property is stored so that subscriptions (send port filters) can test it; a
 * <em>written</em> one only travels with the message.
 *
 * <p>Values are {@code String}, {@code Integer}, {@code Long}, {@code Double}, {@code Boolean},
 * {@code java.math.BigDecimal} or {@code java.time.Instant}; anything else is refused with an
 * {@link IllegalArgumentException} at the write (P13: the MessageBox could not store it). The engine's own
 * properties live in {@link SystemProperties#NAMESPACE}.
 */
public interface MessageContext {

    /** The value of the property, or {@code null} when absent. */
    Object read(String name, String namespace);

    /** Sets a property without promoting it; {@code null} removes it. */
    void write(String name, String namespace, Object value);

    /** Sets a property and promotes it, so that subscriptions can test it. */
    void promote(String name, String namespace, Object value);

    boolean isPromoted(String name, String namespace);

    /** Every property, in no particular order. */
    List<ContextProperty> properties();

    /** The number of properties. */
    default int countProperties() {
        return properties().size();
    }

    /** The property as text, or {@code null}. */
    default String readString(String name, String namespace) {
        Object value = read(name, namespace);
        return value == null ? null : value.toString();
    }
}
