package io.conveyor.engine.messagebox;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one transaction changes in the backlog, counted per send port and state, and written with it as rows of
 * {@code cv_backlog_delta}: the maintained counts that operators and the benchmark read instead of counting the work
 * items themselves ({@link MessageBoxQueries}, folded by {@link BacklogCompaction}). Every statement that adds, removes or moves work items between states
 * records here what it did.
 */
final class BacklogChanges {

    private record Key(String portId, WorkItemState state) {
    }

    private final Map<Key, Long> deltas = new LinkedHashMap<>();

    /** Work items of a port entered (positive) or left (negative) a state. */
    BacklogChanges add(String portId, WorkItemState state, long delta) {
        deltas.merge(new Key(portId, state), delta, Long::sum);
        return this;
    }

    /** A work item of a port went from one state to another. */
    BacklogChanges moved(String portId, WorkItemState from, WorkItemState to) {
        return add(portId, from, -1).add(portId, to, 1);
    }

    /** Writes the changes that do not cancel out, in the caller's transaction. */
    void write(Connection connection) throws SQLException {
        if (deltas.values().stream().allMatch(delta -> delta == 0)) {
            return;
        }
        try (PreparedStatement insert = connection.prepareStatement(
                "insert into cv_backlog_delta (port_id, state, delta) values (?, ?, ?)")) {
            for (Map.Entry<Key, Long> change : deltas.entrySet()) {
                if (change.getValue() != 0) {
                    insert.setString(1, change.getKey().portId());
                    insert.setString(2, change.getKey().state().name());
                    insert.setLong(3, change.getValue());
                    insert.addBatch();
                }
            }
            insert.executeBatch();
        }
        deltas.clear();
    }
}
