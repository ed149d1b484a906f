package io.conveyor.kit.testing;

import io.conveyor.adapter.MapPropertyBag;
import io.conveyor.adapter.MessageFactory;
import io.conveyor.adapter.MessagePart;
import io.conveyor.adapter.PropertyBag;
import java.io.ByteArrayInputStream;
import java.util.OptionalLong;
import java.util.UUID;

/** The engine's message factory as a {@link RecordingProxy} hands it out: messages and parts kept in memory. */
public final class TestMessageFactory implements MessageFactory {

    @Override
    public TestMessage createMessage() {
        return new TestMessage(UUID.randomUUID().toString(), (MessagePart) null);
    }

    @Override
    public MessagePart createMessagePart(MessagePart.Content content, String contentType, String charset) {
        return new TestPart(content, contentType, charset, OptionalLong.empty());
    }

    @Override
    public MessagePart createMessagePart(byte[] data, String contentType, String charset) {
        return new TestPart(() -> new ByteArrayInputStream(data), contentType, charset, OptionalLong.of(data.length));
    }

    @Override
    public PropertyBag createPropertyBag() {
        return new MapPropertyBag();
    }
}
