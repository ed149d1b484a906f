package io.conveyor.engine.messagebox;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/** Stores published messages and their work items, in batches, in the caller's transaction. */
@ApplicationScoped
@Transactional
public class MessageStore {

    @Resource(lookup = MessageBoxDataSource.JNDI_NAME)
    private DataSource dataSource;

    /** A message to store with the work items routing made for it. */
    public record Publication(EngineMessage message, String correlationId, List<NewWorkItem> workItems) {
    }

    /** Stores the messages; returns, per publication, the identities of its work items in order. */
    public List<List<String>> insert(List<Publication> publications, Instant now) {
        try (Connection connection = dataSource.getConnection(); MessageWriter writer = new MessageWriter(connection)) {
            List<List<String>> ids = new ArrayList<>(publications.size());
            for (Publication publication : publications) {
                ids.add(writer.add(publication.message(), publication.correlationId(), publication.workItems(), now));
            }
            writer.flush();
            return ids;
        } catch (SQLException e) {
            throw new MessageBoxException("cannot store " + publications.size() + " message(s)", e);
        }
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
