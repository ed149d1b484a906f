package io.conveyor.engine.routing.filter;

import java.util.Objects;

/**
 * Names a promoted context property: a namespace and a local name.
 *
 * @param namespace the property's namespace; {@link #DEFAULT_NAMESPACE} for properties promoted without one
 * @param name the property's local name
 */
public record PropertyRef(String namespace, String name) {

    /** The namespace of properties a publisher promotes without one, written in a filter as a bare name. */
    public static final String DEFAULT_NAMESPACE = "";

    /** The namespace of the engine's system properties, written in a filter with the prefix {@code BTS.}. */
    public static final String SYSTEM_NAMESPACE = "urn:conveyor:system-properties";

    /**
     * Creates a property reference.
     *
     * @param namespace the property's namespace; {@link #DEFAULT_NAMESPACE} for properties promoted without one
     * @param name the property's local name
     * @throws NullPointerException if the namespace or the name is null
     */
    public PropertyRef {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(name, "name");
    }

    /**
     * Returns the property as it is written in a filter: {@code Region}, {@code BTS.SPName}
     * or {@code {urn:acme:orders}Region}.
     */
    @Override
    public String toString() {
        if (namespace.equals(DEFAULT_NAMESPACE)) {
            return name;
        }
        if (namespace.equals(SYSTEM_NAMESPACE)) {
            return "BTS." + name;
        }
        return "{" + namespace + "}" + name;
    }
}
