package io.conveyor.engine.messagebox;

import static io.conveyor.engine.messagebox.TestMessageBox.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The audit trail's rows: written in the caller's transaction, found by every filter newest first, purged by age. */
class AuditLogTest {

    private final TestMessageBox box = new TestMessageBox();

    @AfterEach
    void close() throws Exception {
        box.close();
    }

    private void record(Instant at, String actor, AuditAction action, String target) {
        box.inTransaction(() -> {
            box.audit.record(at, actor, action, target, "{\"n\":1}");
            return null;
        });
    }

    private static AuditLog.Query query(String actor, AuditAction action, String target, Instant since, Instant until) {
        return new AuditLog.Query(actor, action, target, since, until, 100);
    }

    @Test
    @DisplayName("a row is written with the transaction it belongs to, and not when that transaction rolls back")
    void transactional() {
        box.rolledBack(() -> {
            box.audit.record(NOW, "alice", AuditAction.PORT_CREATED, "orders", "{}");
            return null;
        });
        assertThat(box.audit.find(query(null, null, null, null, null))).isEmpty();

        record(NOW, "alice", AuditAction.PORT_CREATED, "orders");

        assertThat(box.audit.find(query(null, null, null, null, null))).singleElement().satisfies(entry -> {
            assertThat(entry.recordedAt()).isEqualTo(NOW);
            assertThat(entry.actor()).isEqualTo("alice");
            assertThat(entry.action()).isEqualTo(AuditAction.PORT_CREATED);
            assertThat(entry.target()).isEqualTo("orders");
            assertThat(entry.details()).isEqualTo("{\"n\":1}");
        });
    }

    @Test
    @DisplayName("filters by actor, action, target and time (since inclusive, until exclusive), newest first, limited")
    void filters() {
        record(NOW, "alice", AuditAction.PORT_CREATED, "orders");
        record(NOW.plusSeconds(1), "bob", AuditAction.PORT_STATE_CHANGED, "orders");
        record(NOW.plusSeconds(2), "alice", AuditAction.PORT_DELETED, "invoices");

        assertThat(box.audit.find(query(null, null, null, null, null))).extracting(AuditEntry::action).containsExactly(
                AuditAction.PORT_DELETED, AuditAction.PORT_STATE_CHANGED, AuditAction.PORT_CREATED);
        assertThat(box.audit.find(query("alice", null, null, null, null))).extracting(AuditEntry::target)
                .containsExactly("invoices", "orders");
        assertThat(box.audit.find(query(null, AuditAction.PORT_STATE_CHANGED, null, null, null)))
                .extracting(AuditEntry::actor).containsExactly("bob");
        assertThat(box.audit.find(query(null, null, "orders", null, null))).extracting(AuditEntry::action)
                .containsExactly(AuditAction.PORT_STATE_CHANGED, AuditAction.PORT_CREATED);
        assertThat(box.audit.find(query(null, null, null, NOW.plusSeconds(1), NOW.plusSeconds(2))))
                .extracting(AuditEntry::actor).containsExactly("bob");
        assertThat(box.audit.find(new AuditLog.Query(null, null, null, null, null, 1))).extracting(AuditEntry::action)
                .containsExactly(AuditAction.PORT_DELETED);
        assertThat(box.audit.find(query("carol", null, null, null, null))).isEmpty();
    }

    @Test
    @DisplayName("rows of the same instant come newest first by their sequential identity")
    void sameInstant() {
        record(NOW, "alice", AuditAction.MESSAGES_RESUMED, "orders");
        record(NOW, "alice", AuditAction.MESSAGES_TERMINATED, "orders");

        assertThat(box.audit.find(query(null, null, null, null, null))).extracting(AuditEntry::action)
                .containsExactly(AuditAction.MESSAGES_TERMINATED, AuditAction.MESSAGES_RESUMED);
        assertThat(box.audit.find(query(null, null, null, null, null)).get(0).id())
                .isGreaterThan(box.audit.find(query(null, null, null, null, null)).get(1).id());
    }

    @Test
    @DisplayName("an actor or target longer than its column is cut, not refused")
    void longValues() {
        record(NOW, "a".repeat(300), AuditAction.MESSAGES_RESUMED, "t".repeat(2000));

        AuditEntry entry = box.audit.find(query(null, null, null, null, null)).get(0);
        assertThat(entry.actor()).hasSize(AuditLog.MAX_ACTOR_LENGTH).endsWith("a…");
        assertThat(entry.target()).hasSize(AuditLog.MAX_TARGET_LENGTH).endsWith("t…");
    }

    @Test
    @DisplayName("purge deletes the rows recorded before the cutoff and keeps the rest")
    void purge() {
        record(NOW.minus(Duration.ofDays(400)), "alice", AuditAction.PORT_CREATED, "old");
        record(NOW.minus(Duration.ofDays(1)), "alice", AuditAction.PORT_CREATED, "recent");

        int purged = box.inTransaction(() -> box.audit.purge(NOW.minus(Duration.ofDays(365))));

        assertThat(purged).isEqualTo(1);
        assertThat(box.audit.find(query(null, null, null, null, null))).extracting(AuditEntry::target)
                .containsExactly("recent");
    }
}
