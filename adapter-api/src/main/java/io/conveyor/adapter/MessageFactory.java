package io.conveyor.adapter;

/**
 * Creates messages, parts and property bags (contract §2.13 {@code IBaseMessageFactory}); adapters must use it for
 * messages they hand to the engine, such as solicit-response responses ({@link TransportProxy#messageFactory()}).
 */
public interface MessageFactory {

    /** A new message with a fresh identity, an empty context and no parts. */
    Message createMessage();

    /**
     * A part over re-readable content: the engine may read it more than once (for instance when a failed batch
     * is issued again).
     */
    MessagePart createMessagePart(MessagePart.Content content, String contentType, String charset);

    /** A part over bytes the caller will not change afterwards. */
    MessagePart createMessagePart(byte[] data, String contentType, String charset);

    /** An empty, writable property bag. */
    PropertyBag createPropertyBag();
}
