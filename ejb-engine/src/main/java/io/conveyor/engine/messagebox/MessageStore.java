package io.conveyor.engine.messagebox;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/** Stores published messages, their work items and their tracking events, in batches, in the caller's transaction. */
@ApplicationScoped
@Transactional
public class MessageStore {

    @Resource(lookup = MessageBoxDataSource.JNDI_NAME)
    private DataSource dataSource;
    @Inject
    WorkItemIds ids;
    @Inject
    MessageBoxMigration schema;
    @Inject
    TrackedPorts trackedPorts;

    /** A message to store with the work items routing made for it. */
    public record Publication(EngineMessage message, String correlationId, List<NewWorkItem> workItems) {
    }

    /**
     * What was stored for one publication: the identities of its work items, in order; the lease token of those
     * handed off; and, when the message is held inline in its work items, its body (work items asked to be handed off
     * are handed off exactly then).
     */
    public record Written(List<String> workItemIds, String leaseToken, byte[] inlineBody) {
    }

    /** Stores the messages; returns, per publication, what was written. */
    public List<Written> insert(List<Publication> publications, Instant now) {
        try (Connection connection = dataSource.getConnection();
             TrackingWriter tracking = new TrackingWriter(connection, now);
             MessageWriter writer = new MessageWriter(connection, ids, maxPartBytes(), trackedPorts, tracking)) {
            List<Written> written = new ArrayList<>(publications.size());
            for (Publication publication : publications) {
                written.add(writer.add(publication.message(), publication.correlationId(), publication.workItems(), now));
            }
            writer.flush();
            return written;
        } catch (SQLException e) {
            throw new MessageBoxException("cannot store " + publications.size() + " message(s)", e);
        }
    }

    /**
     * The largest part this MessageBox can take: on the embedded H2, which holds a transaction's changes in memory
     * until the commit, a quarter of the heap (a larger body would exhaust it); on PostgreSQL no limit.
     */
    public long maxPartBytes() {
        return schema.vendor().equals("h2") ? Runtime.getRuntime().maxMemory() / 4 : Long.MAX_VALUE;
    }

    /**
     * Deletes responses no port subscribed to (kept only for their publisher to fetch) that are older than
     * {@code before}; returns how many went.
     */
    public int purgeUnroutedResponses(Instant before) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement delete = connection.prepareStatement("delete from cv_message where "
                     + "correlation_id is not null and created_at < ? "
                     + "and not exists (select 1 from cv_work_item w where w.message_id = cv_message.id)")) {
            Sql.setInstant(delete, 1, before);
            return delete.executeUpdate();
        } catch (SQLException e) {
            throw new MessageBoxException("cannot purge old responses", e);
        }
    }
}
