package io.conveyor.adapter;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** A {@link PropertyBag} over an insertion-ordered map; writable unless made {@linkplain #readOnly read-only}. */
public final class MapPropertyBag implements PropertyBag {

    private final Map<String, Object> values;
    private final boolean writable;

    private MapPropertyBag(Map<String, Object> values, boolean writable) {
        this.values = values;
        this.writable = writable;
    }

    /** An empty, writable bag. */
    public MapPropertyBag() {
        this(new LinkedHashMap<>(), true);
    }

    /** A read-only bag holding a copy of the given values; {@code null} values are left out. */
    public static MapPropertyBag readOnly(Map<String, ?> values) {
        Map<String, Object> copy = new LinkedHashMap<>();
        values.forEach((name, value) -> {
            if (value != null) {
                copy.put(name, value);
            }
        });
        return new MapPropertyBag(Collections.unmodifiableMap(copy), false);
    }

    @Override
    public Object read(String name) {
        return values.get(name);
    }

    @Override
    public void write(String name, Object value) {
        if (!writable) {
            throw new UnsupportedOperationException("this property bag is read-only");
        }
        if (value == null) {
            values.remove(name);
        } else {
            values.put(name, value);
        }
    }

    @Override
    public Set<String> names() {
        return Collections.unmodifiableSet(values.keySet());
    }

    /** A read-only view of the values. */
    public Map<String, Object> asMap() {
        return Collections.unmodifiableMap(values);
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
