package io.conveyor.engine.messagebox;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * Keeps the maintained backlog counts cheap to read: folds the rows of {@code cv_backlog_delta} written so far into one
 * row per send port and state (the supervisor runs it every few seconds). The rows folded are locked and read first,
 * then deleted by identity, so rows committed meanwhile, or folded by another server at the same moment, are neither
 * lost nor counted twice.
 */
@ApplicationScoped
@Transactional
public class BacklogCompaction {

    /** Most rows folded in one transaction. */
    private static final int ROWS_PER_COMPACTION = 10_000;

    @Resource(lookup = MessageBoxDataSource.JNDI_NAME)
    private DataSource dataSource;

    /** Folds the oldest rows; returns how many rows went. */
    public int compact() {
        try (Connection connection = dataSource.getConnection()) {
            List<String> ids = new ArrayList<>();
            BacklogChanges sums = new BacklogChanges();
            try (PreparedStatement select = connection.prepareStatement("select id, port_id, state, delta "
                    + "from cv_backlog_delta order by id fetch first " + ROWS_PER_COMPACTION + " rows only for update");
                 ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    ids.add(Long.toString(rows.getLong(1)));
                    sums.add(rows.getString(2), WorkItemState.valueOf(rows.getString(3)), rows.getLong(4));
                }
            }
            if (ids.size() < 2) {
                return 0;
            }
            try (PreparedStatement delete = connection.prepareStatement("delete from cv_backlog_delta where id = any(?)")) {
                Sql.setIds(delete, 1, ids);
                delete.executeUpdate();
            }
            sums.write(connection);
            return ids.size();
        } catch (SQLException e) {
            throw new MessageBoxException("cannot fold the backlog counts", e);
        }
    }
}
