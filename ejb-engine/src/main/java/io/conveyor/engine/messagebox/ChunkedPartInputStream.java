package io.conveyor.engine.messagebox;

import java.io.IOException;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;

/** Streams a stored part one chunk at a time, each chunk read in its own short query. */
final class ChunkedPartInputStream extends InputStream {

    private static final String SELECT_CHUNK =
            "select data from cv_part_chunk where message_id = ? and part_index = ? and chunk_index = ?";

    private final DataSource dataSource;
    private final String messageId;
    private final int partIndex;
    private final int chunkCount;
    private int nextChunk;
    private byte[] current = new byte[0];
    private int position;

    ChunkedPartInputStream(DataSource dataSource, String messageId, int partIndex, int chunkCount) {
        this.dataSource = dataSource;
        this.messageId = messageId;
        this.partIndex = partIndex;
        this.chunkCount = chunkCount;
    }

    @Override
    public int read() throws IOException {
        if (!fill()) {
            return -1;
        }
        return current[position++] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        if (!fill()) {
            return -1;
        }
        int count = Math.min(length, current.length - position);
        System.arraycopy(current, position, buffer, offset, count);
        position += count;
        return count;
    }

    private boolean fill() throws IOException {
        while (position >= current.length) {
            if (nextChunk >= chunkCount) {
                return false;
            }
            current = loadChunk(nextChunk++);
            position = 0;
        }
        return true;
    }

    private byte[] loadChunk(int chunkIndex) throws IOException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(SELECT_CHUNK)) {
            statement.setString(1, messageId);
            statement.setInt(2, partIndex);
            statement.setInt(3, chunkIndex);
            try (ResultSet rows = statement.executeQuery()) {
                if (!rows.next()) {
                    throw new IOException("chunk " + chunkIndex + " of part " + partIndex + " of message " + messageId
                            + " is missing from the MessageBox (was the message deleted?)");
                }
                return rows.getBytes(1);
            }
        } catch (SQLException e) {
            throw new IOException("cannot read message " + messageId + " from the MessageBox: " + e.getMessage(), e);
        }
    }
}
