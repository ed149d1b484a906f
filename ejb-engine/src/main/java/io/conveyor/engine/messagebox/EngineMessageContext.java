package io.conveyor.engine.messagebox;

import io.conveyor.adapter.ContextProperty;
import io.conveyor.adapter.MessageContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The engine's {@link MessageContext}: properties keyed by namespace and name, in insertion order. */
public final class EngineMessageContext implements MessageContext {

    private final Map<Key, ContextProperty> properties = new LinkedHashMap<>();

    private record Key(String namespace, String name) {
    }

    public EngineMessageContext() {
    }

    /** A context holding the given properties. */
    public EngineMessageContext(List<ContextProperty> initial) {
        initial.forEach(this::put);
    }

    @Override
    public Object read(String name, String namespace) {
        ContextProperty property = properties.get(new Key(normalize(namespace), name));
        return property == null ? null : property.value();
    }

    @Override
    public void write(String name, String namespace, Object value) {
        set(name, namespace, value, false);
    }

    @Override
    public void promote(String name, String namespace, Object value) {
        set(name, namespace, value, true);
    }

    @Override
    public boolean isPromoted(String name, String namespace) {
        ContextProperty property = properties.get(new Key(normalize(namespace), name));
        return property != null && property.promoted();
    }

    @Override
    public List<ContextProperty> properties() {
        return List.copyOf(properties.values());
    }

    /** The promoted properties only. */
    public List<ContextProperty> promoted() {
        List<ContextProperty> result = new ArrayList<>();
        for (ContextProperty property : properties.values()) {
            if (property.promoted()) {
                result.add(property);
            }
        }
        return result;
    }

    /** Adds or replaces a property as given. */
    public void put(ContextProperty property) {
        properties.put(new Key(property.namespace(), property.name()), property);
    }

    /** A copy that the caller may change without affecting this context. */
    public EngineMessageContext copy() {
        return new EngineMessageContext(properties());
    }

    private void set(String name, String namespace, Object value, boolean promoted) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a context property needs a name");
        }
        String ns = normalize(namespace);
        if (value == null) {
            properties.remove(new Key(ns, name));
        } else {
            put(new ContextProperty(name, ns, value, promoted));
        }
    }

    private static String normalize(String namespace) {
        return namespace == null ? "" : namespace;
    }
}
