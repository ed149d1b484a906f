package io.conveyor.engine.messagebox;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * Identities for work items and lease tokens, taken from the MessageBox sequence {@code cv_work_item_ids} a block of
 * {@value #BLOCK} at a time (the sequence counts in steps of the block): one round trip per thousand identities, and
 * identities that grow, so each commit writes at the end of the indexes. Unique across servers sharing the
 * MessageBox; increasing on each server, in the order it hands them out.
 */
@ApplicationScoped
public class WorkItemIds {

    /** Identities per block; the sequence's increment (V6). */
    static final int BLOCK = 1000;

    @Resource(lookup = MessageBoxDataSource.JNDI_NAME)
    private DataSource dataSource;

    private long next;
    private long end;

    /** The next identity, as the engine writes identities (decimal text). */
    public synchronized String next() {
        if (next == end) {
            next = takeBlock();
            end = next + BLOCK;
        }
        return Long.toString(next++);
    }

    private long takeBlock() {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement("select nextval('cv_work_item_ids')");
             ResultSet rows = select.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        } catch (SQLException e) {
            throw new MessageBoxException("cannot take a block of work item identities", e);
        }
    }
}
