package io.conveyor.engine.messagebox;

import io.conveyor.adapter.MapPropertyBag;
import io.conveyor.adapter.MessagePart;
import io.conveyor.adapter.PropertyBag;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.OptionalLong;

/** A part made by the message factory (a publication, a response): content the engine reads when it stores it. */
public final class ContentPart implements MessagePart {

    private final Content content;
    private final String contentType;
    private final String charset;
    private final OptionalLong size;
    private final PropertyBag properties = new MapPropertyBag();

    public ContentPart(Content content, String contentType, String charset, OptionalLong size) {
        this.content = content;
        this.contentType = contentType;
        this.charset = charset;
        this.size = size;
    }

    /** A part over bytes the caller will not change afterwards. */
    public static ContentPart of(byte[] data, String contentType, String charset) {
        return new ContentPart(() -> new ByteArrayInputStream(data), contentType, charset, OptionalLong.of(data.length));
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
        return properties;
    }
}
