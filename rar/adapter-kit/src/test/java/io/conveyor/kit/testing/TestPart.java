package io.conveyor.kit.testing;

import io.conveyor.adapter.MapPropertyBag;
import io.conveyor.adapter.MessagePart;
import io.conveyor.adapter.PropertyBag;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.OptionalLong;

/** A message part over bytes in memory, of type {@code application/octet-stream}. */
public final class TestPart implements MessagePart {
    private final byte[] data;

    public TestPart(byte[] data) {
        this.data = data;
    }

    @Override
    public InputStream openStream() {
        return new ByteArrayInputStream(data);
    }

    @Override
    public String contentType() {
        return "application/octet-stream";
    }

    @Override
    public String charset() {
        return null;
    }

    @Override
    public OptionalLong size() {
        return OptionalLong.of(data.length);
    }

    @Override
    public PropertyBag partProperties() {
        return new MapPropertyBag();
    }
}
