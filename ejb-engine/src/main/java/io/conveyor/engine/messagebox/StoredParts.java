package io.conveyor.engine.messagebox;

import io.conveyor.adapter.MessagePart;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * The parts of messages stored in {@code cv_message} (not inline), for their deliveries: a part of one chunk comes with
 * its data (no extra round trip), a larger one is read chunk by chunk as the adapter pulls it.
 */
final class StoredParts {

    private StoredParts() {
    }

    /** The parts of each message, by message identity, each message's parts in order (the body first). */
    static Map<String, Map<String, MessagePart>> load(Connection connection, DataSource dataSource, List<String> messageIds)
            throws SQLException {
        Map<String, Map<String, MessagePart>> parts = new HashMap<>();
        if (messageIds.isEmpty()) {
            return parts;
        }
        try (PreparedStatement select = connection.prepareStatement("select p.message_id, p.part_index, p.part_name, "
                + "p.content_type, p.charset, p.size_bytes, p.chunk_count, c.data from cv_message_part p "
                + "left join cv_part_chunk c on c.message_id = p.message_id and c.part_index = p.part_index "
                + "and c.chunk_index = 0 and p.chunk_count = 1 where p.message_id = any(?) "
                + "order by p.message_id, p.part_index")) {
            select.setArray(1, connection.createArrayOf("varchar", messageIds.toArray()));
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    PartRow row = new PartRow(rows.getString(1), rows.getInt(2), rows.getString(3), rows.getString(4),
                            rows.getString(5), rows.getLong(6), rows.getInt(7));
                    byte[] prefetched = row.chunkCount() == 1 ? rows.getBytes(8) : null;
                    parts.computeIfAbsent(row.messageId(), id -> new LinkedHashMap<>())
                            .put(row.name(), new StoredPart(row, prefetched, dataSource));
                }
            }
        }
        return parts;
    }
}
