package io.conveyor.kit.testing;

import io.conveyor.adapter.MapPropertyBag;
import io.conveyor.adapter.MessagePart;
import io.conveyor.adapter.PropertyBag;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.OptionalLong;

/** A message part over re-readable content: bytes in memory ({@code application/octet-stream}) or any content. */
public final class TestPart implements MessagePart {
    private final Content content;
    private final String contentType;
    private final String charset;
    private final OptionalLong size;

    public TestPart(byte[] data) {
        this(() -> new ByteArrayInputStream(data), "application/octet-stream", null, OptionalLong.of(data.length));
    }

    public TestPart(Content content, String contentType, String charset, OptionalLong size) {
        this.content = content;
        this.contentType = contentType;
        this.charset = charset;
        this.size = size;
    }

    @Override
    public InputStream openStream() throws IOException {
        return content.open();
    }

    @Override
    public String contentType() {
        return contentType;
    }

    @Override
    public String charset() {
        return charset;
    }

    @Override
    public OptionalLong size() {
        return size;
    }

    @Override
    public PropertyBag partProperties() {
        return new MapPropertyBag();
    }
}
