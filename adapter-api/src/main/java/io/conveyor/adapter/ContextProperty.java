package io.conveyor.adapter;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * One property of a {@link MessageContext}.
 *
 * @param name      the property name
 * @param namespace its namespace; {@code ""} is the default namespace of properties a publisher gives without one
 * @param value     the value; one of the types {@link #isStorable} accepts
 * @param promoted  whether subscriptions can test it
 */
public record ContextProperty(String name, String namespace, Object value, boolean promoted) {

    public ContextProperty {
        Objects.requireNonNull(name, "name");
        namespace = namespace == null ? "" : namespace;
        Objects.requireNonNull(value, "value");
        if (!isStorable(value)) {
            throw new IllegalArgumentException("context property " + name + " (" + namespace + "): a "
                    + value.getClass().getName() + " is not serializable into the MessageBox; use String, Integer, "
                    + "Long, Double, Boolean, BigDecimal or Instant");
        }
    }

    /** Whether the MessageBox can store a value of this type. */
    public static boolean isStorable(Object value) {
        return value instanceof String || value instanceof Integer || value instanceof Long
                || value instanceof Double || value instanceof Boolean || value instanceof BigDecimal
                || value instanceof Instant;
    }
}
