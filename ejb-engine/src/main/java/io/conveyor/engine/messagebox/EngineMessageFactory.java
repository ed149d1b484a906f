package io.conveyor.engine.messagebox;

import io.conveyor.adapter.MapPropertyBag;
import io.conveyor.adapter.Message;
import io.conveyor.adapter.MessageFactory;
import io.conveyor.adapter.MessagePart;
import io.conveyor.adapter.PropertyBag;
import java.util.OptionalLong;

/** The engine's {@link MessageFactory}, for adapters (through their proxy) and the publish API alike. */
public final class EngineMessageFactory implements MessageFactory {

    @Override
    public EngineMessage createMessage() {
        return EngineMessage.create(MessageIds.next());
    }

    @Override
    public MessagePart createMessagePart(MessagePart.Content content, String contentType, String charset) {
        return new ContentPart(content, contentType, charset, OptionalLong.empty());
    }

    @Override
    public MessagePart createMessagePart(byte[] data, String contentType, String charset) {
        return ContentPart.of(data, contentType, charset);
    }

    @Override
    public PropertyBag createPropertyBag() {
        return new MapPropertyBag();
    }

    /** A message with one body part, as the publish API makes it. */
    public Message createMessage(MessagePart body) {
        EngineMessage message = createMessage();
        message.addPart("body", body, true);
        return message;
    }
}
