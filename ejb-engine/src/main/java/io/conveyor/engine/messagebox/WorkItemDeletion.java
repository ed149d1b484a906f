package io.conveyor.engine.messagebox;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.TreeSet;

/**
 * Deletes work items, and each message whose last work item went (with its parts and promoted properties, by
 * cascade). The messages are locked first, in a fixed order, so two transactions deleting the last two work items
 * of one message cannot both leave it behind, and cannot deadlock.
 */
final class WorkItemDeletion {

    /** A work item to delete and the message it belongs to. */
    record Target(String workItemId, String messageId) {
    }

    private WorkItemDeletion() {
    }

    static void delete(Connection connection, List<Target> targets) throws SQLException {
        if (targets.isEmpty()) {
            return;
        }
        List<String> messageIds = List.copyOf(new TreeSet<>(targets.stream().map(Target::messageId).toList()));
        for (List<String> slice : Sql.slices(messageIds)) {
            try (PreparedStatement lock = connection.prepareStatement("select id from cv_message where id in ("
                    + Sql.placeholders(slice.size()) + ") order by id for update")) {
                for (int i = 0; i < slice.size(); i++) {
                    lock.setString(i + 1, slice.get(i));
                }
                lock.executeQuery().close();
            }
        }
        try (PreparedStatement deleteItem = connection.prepareStatement("delete from cv_work_item where id = ?")) {
            for (Target target : targets) {
                deleteItem.setString(1, target.workItemId());
                deleteItem.addBatch();
            }
            Sql.expectOneRowEach(deleteItem.executeBatch(), "delete work item");
        }
        try (PreparedStatement deleteMessage = connection.prepareStatement("delete from cv_message where id = ? and "
                + "not exists (select 1 from cv_work_item where message_id = ?)")) {
            for (String messageId : messageIds) {
                deleteMessage.setString(1, messageId);
                deleteMessage.setString(2, messageId);
                deleteMessage.addBatch();
            }
            deleteMessage.executeBatch();
        }
    }
}
