package io.conveyor.adapter;

import java.util.Objects;

/**
 * One entry of an adapter's property schema (contract §1.6, §8.1 {@code SendHandlerPropertiesXML} and
 * {@code SendLocationPropertiesXML}): a handler property (set once per server in the connector's configuration)
 * or an endpoint property (set per send port transport and delivered with every message).
 *
 * <p>The engine uses the schema to validate port configuration where it enters (unknown names, missing
 * required values, values of the wrong type are refused with the property's name), to type the values it writes
 * into the message context, and to hide {@linkplain #masked() masked} handler values from administrative reads (C5).
 * Defaults are documentation: a property the port does not set is absent from the context, and the adapter applies
 * its default.
 *
 * @param name         the property name, as used in configuration and in the message context
 * @param type         the value type
 * @param required     whether a value must be given
 * @param defaultValue the value used when none is given, as text; {@code null} for none
 * @param masked       write-only (a password): never returned by the administration API
 * @param description  one sentence for the property table and the console
 */
public record PropertyDescriptor(String name, Type type, boolean required, String defaultValue, boolean masked,
                                 String description) {

    /** Value types a property may have. */
    public enum Type {
        STRING, INTEGER, LONG, BOOLEAN
    }

    public PropertyDescriptor {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        description = description == null ? "" : description;
    }

    /** An optional property with a default. */
    public static PropertyDescriptor optional(String name, Type type, String defaultValue, String description) {
        return new PropertyDescriptor(name, type, false, defaultValue, false, description);
    }

    /** A property that must be given. */
    public static PropertyDescriptor required(String name, Type type, String description) {
        return new PropertyDescriptor(name, type, true, null, false, description);
    }

    /**
     * Converts a textual value to this property's type.
     *
     * @throws IllegalArgumentException naming the property when the text is not of the type
     */
    public Object parse(String text) {
        try {
            return switch (type) {
                case STRING -> text;
                case INTEGER -> Integer.valueOf(text.trim());
                case LONG -> Long.valueOf(text.trim());
                case BOOLEAN -> parseBoolean(text);
            };
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + ": '" + text + "' is not " + article() + " " + type.name().toLowerCase());
        }
    }

    private Boolean parseBoolean(String text) {
        String value = text.trim();
        if (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")) {
            return Boolean.valueOf(value);
        }
        throw new IllegalArgumentException(name + ": '" + text + "' is not a boolean (true or false)");
    }

    private String article() {
        return type == Type.INTEGER ? "an" : "a";
    }
}
