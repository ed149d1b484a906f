package io.conveyor.engine.messagebox;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.TreeSet;

/**
 * Deletes work items, and each message stored in {@code cv_message} whose last work item went (with its parts, by
 * cascade); a message held inline goes with its work item. Stored messages are locked first, in a fixed order, so two
 * transactions deleting the last two work items of one message cannot both leave it behind, and cannot deadlock.
 */
final class WorkItemDeletion {

    /** A work item to delete, the message it belongs to, and whether it holds that message inline. */
    record Target(String workItemId, String messageId, boolean inline) {
    }

    private WorkItemDeletion() {
    }

    static void delete(Connection connection, List<Target> targets) throws SQLException {
        if (targets.isEmpty()) {
            return;
        }
        List<String> stored = List.copyOf(new TreeSet<>(targets.stream().filter(target -> !target.inline())
                .map(Target::messageId).toList()));
        if (!stored.isEmpty()) {
            try (PreparedStatement lock = connection.prepareStatement(
                    "select id from cv_message where id = any(?) order by id for update")) {
                lock.setArray(1, connection.createArrayOf("varchar", stored.toArray()));
                lock.executeQuery().close();
            }
        }
        try (PreparedStatement deleteItem = connection.prepareStatement("delete from cv_work_item where id = ?")) {
            for (Target target : targets) {
                Sql.setId(deleteItem, 1, target.workItemId());
                deleteItem.addBatch();
            }
            Sql.expectOneRowEach(deleteItem.executeBatch(), "delete work item");
        }
        if (!stored.isEmpty()) {
            try (PreparedStatement deleteMessage = connection.prepareStatement("delete from cv_message where id = ? and "
                    + "not exists (select 1 from cv_work_item where message_id = ?)")) {
                for (String messageId : stored) {
                    deleteMessage.setString(1, messageId);
                    deleteMessage.setString(2, messageId);
                    deleteMessage.addBatch();
                }
                deleteMessage.executeBatch();
            }
        }
    }
}
