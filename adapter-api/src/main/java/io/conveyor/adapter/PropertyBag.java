package io.conveyor.adapter;

import java.util.Set;

/**
 * A set of named values: the send handler configuration given to {@link HandlerConfigurable#load}, the
 * endpoint properties of a transport, and part properties (contract §2.3, {@code IPropertyBag}).
 * Values are {@code String}, {@code Integer}, {@code Long} or {@code Boolean}, typed by the adapter's
 * {@link PropertyDescriptor} schema.
 */
public interface PropertyBag {

    /** The value of the property, or {@code null} when it has none. */
    Object read(String name);

    /** Sets or, with {@code null}, removes a value. Bags handed out by the engine for reading refuse this. */
    void write(String name, Object value);

    /** The names of the properties that have a value. */
    Set<String> names();

    /** The value as text, or the default when absent. */
    default String readString(String name, String defaultValue) {
        Object value = read(name);
        return value == null ? defaultValue : value.toString();
    }

    /** The value as an int, or the default when absent. Text values are parsed. */
    default int readInt(String name, int defaultValue) {
        Object value = read(name);
        if (value == null) {
            return defaultValue;
        }
        return value instanceof Number number ? number.intValue() : Integer.parseInt(value.toString().trim());
    }

    /** The value as a boolean, or the default when absent. Text values are parsed. */
    default boolean readBoolean(String name, boolean defaultValue) {
        Object value = read(name);
        if (value == null) {
            return defaultValue;
        }
        return value instanceof Boolean bool ? bool : Boolean.parseBoolean(value.toString().trim());
    }
}
