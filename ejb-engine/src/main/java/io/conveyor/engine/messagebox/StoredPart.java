package io.conveyor.engine.messagebox;

import io.conveyor.adapter.MapPropertyBag;
import io.conveyor.adapter.MessagePart;
import io.conveyor.adapter.PropertyBag;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.OptionalLong;
import javax.sql.DataSource;

/**
 * A part of a message in the MessageBox. A part of one chunk arrives with the delivery (no extra round trip for
 * small messages); a larger one is read chunk by chunk as the adapter pulls the stream, so memory stays flat
 * whatever the size.
 */
final class StoredPart implements MessagePart {

    private final PartRow row;
    private final byte[] prefetched;
    private final DataSource dataSource;

    StoredPart(PartRow row, byte[] prefetched, DataSource dataSource) {
        this.row = row;
        this.prefetched = prefetched;
        this.dataSource = dataSource;
    }

    @Override
    public InputStream openStream() throws IOException {
        if (prefetched != null) {
            return new ByteArrayInputStream(prefetched);
        }
        return new ChunkedPartInputStream(dataSource, row.messageId(), row.index(), row.chunkCount());
    }

    @Override
    public String contentType() {
        return row.contentType();
    }

    @Override
    public String charset() {
        return row.charset();
    }

    @Override
    public OptionalLong size() {
        return OptionalLong.of(row.size());
    }

    @Override
    public PropertyBag partProperties() {
        return MapPropertyBag.readOnly(Map.of());
    }
}
