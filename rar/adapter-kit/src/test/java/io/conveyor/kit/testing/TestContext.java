package io.conveyor.kit.testing;

import io.conveyor.adapter.ContextProperty;
import io.conveyor.adapter.MessageContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A message context kept in memory; writing {@code null} removes a property. */
public final class TestContext implements MessageContext {
    private final Map<List<String>, ContextProperty> properties = new LinkedHashMap<>();

    @Override
    public synchronized Object read(String name, String namespace) {
        ContextProperty property = properties.get(List.of(name, namespace));
        return property == null ? null : property.value();
    }

    @Override
    public void write(String name, String namespace, Object value) {
        put(name, namespace, value, false);
    }

    @Override
    public void promote(String name, String namespace, Object value) {
        put(name, namespace, value, true);
    }

    private synchronized void put(String name, String namespace, Object value, boolean promoted) {
        if (value == null) {
            properties.remove(List.of(name, namespace));
        } else {
            properties.put(List.of(name, namespace), new ContextProperty(name, namespace, value, promoted));
        }
    }

    @Override
    public synchronized boolean isPromoted(String name, String namespace) {
        ContextProperty property = properties.get(List.of(name, namespace));
        return property != null && property.promoted();
    }

    @Override
    public synchronized List<ContextProperty> properties() {
        return List.copyOf(properties.values());
    }
}
