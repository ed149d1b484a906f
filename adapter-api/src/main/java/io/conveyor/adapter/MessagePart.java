package io.conveyor.adapter;

import java.io.IOException;
import java.io.InputStream;
import java.util.OptionalLong;

/**
 * A part of a message (contract §2.13 {@code IBaseMessagePart}). The data is a stream: on the send side the adapter
 * pulls it, and the engine reads it from the MessageBox as it goes, so a large body is never loaded whole.
 */
public interface MessagePart {

    /**
     * Opens a new stream over the part's data, positioned at the start. Each call gives an independent stream;
     * the caller closes it.
     */
    InputStream openStream() throws IOException;

    /** The MIME type, or {@code null}. */
    String contentType();

    /** The character set of textual data, or {@code null}. */
    String charset();

    /** The size in bytes, when known. */
    OptionalLong size();

    /** Properties of this part. */
    PropertyBag partProperties();

    /** Re-readable content for parts made with the {@link MessageFactory}. */
    @FunctionalInterface
    interface Content {
        /** Opens a new stream over the content, from the start. */
        InputStream open() throws IOException;
    }
}
