package io.conveyor.engine.messagebox;

import static io.conveyor.engine.messagebox.TestMessageBox.NOW;
import static io.conveyor.engine.messagebox.TestMessageBox.deletion;
import static io.conveyor.engine.messagebox.TestMessageBox.largeMessage;
import static io.conveyor.engine.messagebox.TestMessageBox.ready;
import static io.conveyor.engine.messagebox.TestMessageBox.smallMessage;
import static io.conveyor.engine.messagebox.TestMessageBox.suspension;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.conveyor.adapter.SystemProperties;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Message tracking as the MessageBox stores write it ({@link MessageStore}, {@link DispositionStore},
 * {@link SuspendedQueue}) and {@link TrackingLog} reads and purges it: a message's events in order, with what each
 * records; nothing for a port whose tracking is off; nothing of a transaction that rolls back; the history kept once
 * the message is gone; the query's filters; the purge in batches.
 */
class TrackingTest {

    private final TestMessageBox box = new TestMessageBox();

    @AfterEach
    void close() throws Exception {
        box.close();
    }

    private List<TrackingEvent> events(String messageId) {
        return box.tracking.history(messageId).stream().map(TrackedEvent::event).toList();
    }

    @Test
    @DisplayName("a delivered message: routed (naming its publisher), delivered (the attempt's outcome with it); kept after")
    void delivered() {
        EngineMessage message = smallMessage("order-1");
        message.context().write(SystemProperties.PUBLISHER, SystemProperties.NAMESPACE, "alice");
        String workItemId = box.publish(message, ready("orders", "FILE", 5, NOW)).workItemIds().get(0);
        Delivery delivery = box.claimOne("FILE");
        box.held.hold("FILE", List.of(workItemId));
        box.dispose(deletion(delivery));

        assertThat(box.workItem(workItemId)).as("the message left the MessageBox").isEmpty();
        List<TrackedEvent> history = box.tracking.history(message.messageId());
        assertThat(history).extracting(TrackedEvent::event).containsExactly(TrackingEvent.ROUTED,
                TrackingEvent.DELIVERED);
        assertThat(history.get(0)).extracting(TrackedEvent::portName, TrackedEvent::workItemId, TrackedEvent::adapterType,
                TrackedEvent::detail).containsExactly("orders", workItemId, "FILE", "READY; published by alice");
        TrackedEvent delivered = history.get(1);
        assertThat(delivered).extracting(TrackedEvent::portName, TrackedEvent::workItemId, TrackedEvent::adapterType,
                TrackedEvent::outcome, TrackedEvent::address, TrackedEvent::detail)
                .containsExactly("orders", workItemId, "FILE", "SUCCESS", "out/id-orders", null);
        assertThat(delivered.durationMs()).as("claimed by this server, so timed").isNotNull().isNotNegative();
    }

    @Test
    @DisplayName("a failing delivery: attempts with errors, retry scheduled, backup, suspended, resumed, terminated")
    void failing() {
        EngineMessage message = largeMessage(100_000);
        String workItemId = box.publish(message, ready("orders", "FILE", 5, NOW)).workItemIds().get(0);
        Delivery first = box.claimOne("FILE");
        box.dispose(Disposition.resubmit(first.message().lease(), message.messageId(), NOW.plusSeconds(300),
                new Disposition.FailureInfo("disk full", "FILE", "out/x"), null));
        Delivery second = box.claim("FILE", 1, NOW.plusSeconds(300)).get(0);
        box.dispose(Disposition.moveToNextTransport(second.message().lease(), message.messageId(),
                new Disposition.BackupTransport("SFTP", 0, 1), new Disposition.FailureInfo("disk full", "FILE", "out/x"),
                null));
        Delivery onBackup = box.claimOne("SFTP");
        box.dispose(suspension(onBackup, "connection refused", false));
        box.inTransaction(() -> box.suspended.resume(List.of(workItemId),
                item -> new SuspendedQueue.ResumeTarget("FILE", 3, 5), NOW.plusSeconds(600)));
        Delivery again = box.claim("FILE", 1, NOW.plusSeconds(600)).get(0);
        box.dispose(suspension(again, "still full", true));
        box.inTransaction(() -> box.suspended.terminate(List.of(workItemId), NOW.plusSeconds(900)));

        List<TrackedEvent> history = box.tracking.history(message.messageId());
        assertThat(history).extracting(TrackedEvent::event).containsExactly(
                TrackingEvent.ROUTED, TrackingEvent.ATTEMPTED, TrackingEvent.RETRY_SCHEDULED, TrackingEvent.ATTEMPTED,
                TrackingEvent.MOVED_TO_BACKUP, TrackingEvent.ATTEMPTED, TrackingEvent.SUSPENDED, TrackingEvent.RESUMED,
                TrackingEvent.ATTEMPTED, TrackingEvent.SUSPENDED, TrackingEvent.TERMINATED);
        assertThat(history.get(1)).extracting(TrackedEvent::outcome, TrackedEvent::adapterType, TrackedEvent::address,
                TrackedEvent::detail).containsExactly("FAILURE", "FILE", "out/x", "disk full");
        assertThat(history.get(2).detail()).startsWith("next attempt at " + NOW.plusSeconds(300));
        assertThat(history.get(4).adapterType()).isEqualTo("SFTP");
        assertThat(history.get(5)).extracting(TrackedEvent::adapterType, TrackedEvent::detail)
                .containsExactly("SFTP", "connection refused");
        assertThat(history.get(6).detail()).isEqualTo("resumable: connection refused");
        assertThat(history.get(9).detail()).isEqualTo("non-resumable: still full");
        assertThat(history.get(10).recordedAt()).isEqualTo(NOW.plusSeconds(900));
        assertThat(history).allSatisfy(event -> assertThat(event.messageId()).isEqualTo(message.messageId()));
    }

    @Test
    @DisplayName("a port whose tracking is off records nothing; the message's other ports are tracked")
    void off() {
        box.trackingLevels.put("id-audit", TrackingLevel.OFF);
        EngineMessage untracked = smallMessage("order-1");
        box.publish(untracked, ready("audit", "FILE", 5, NOW));
        box.dispose(deletion(box.claimOne("FILE")));
        assertThat(events(untracked.messageId())).isEmpty();

        EngineMessage both = smallMessage("order-2");
        box.publish(both, ready("audit", "FILE", 5, NOW), ready("orders", "HTTP", 5, NOW));
        box.dispose(deletion(box.claimOne("FILE")));
        box.dispose(deletion(box.claimOne("HTTP")));
        assertThat(box.tracking.history(both.messageId())).extracting(TrackedEvent::event, TrackedEvent::portName)
                .containsExactly(
                        tuple(TrackingEvent.ROUTED, "orders"),
                        tuple(TrackingEvent.DELIVERED, "orders"));
    }

    @Test
    @DisplayName("routed records the state the work item was stored in: handed off only when the message is inline")
    void routedState() {
        EngineMessage small = smallMessage("order-1");
        box.publish(small, TestMessageBox.handedOff("orders", "FILE"));
        EngineMessage large = largeMessage(100_000);
        box.publish(large, TestMessageBox.handedOff("orders", "FILE"));
        assertThat(box.tracking.history(small.messageId()).get(0).detail()).isEqualTo("IN_PROCESS");
        assertThat(box.tracking.history(large.messageId()).get(0).detail()).isEqualTo("READY");
    }

    @Test
    @DisplayName("a publication that rolls back leaves no event")
    void rolledBack() {
        EngineMessage message = smallMessage("order-1");
        try {
            box.inTransaction(() -> {
                box.publish(message, ready("orders", "FILE", 5, NOW));
                throw new IllegalStateException("refused");
            });
        } catch (IllegalStateException expected) {
            // the transaction rolled back
        }
        assertThat(events(message.messageId())).isEmpty();
    }

    @Test
    @DisplayName("a response routed nowhere is recorded as published, and as a response in its solicit's history")
    void response() {
        EngineMessage response = smallMessage("reply");
        box.inTransaction(() -> box.messages.insert(List.of(new MessageStore.Publication(response, "solicit-1",
                List.of())), NOW));
        assertThat(box.tracking.history(response.messageId())).singleElement()
                .satisfies(event -> assertThat(event).extracting(TrackedEvent::event, TrackedEvent::detail)
                        .containsExactly(TrackingEvent.PUBLISHED, "published as the response to message solicit-1"));
        assertThat(box.tracking.history("solicit-1")).singleElement().satisfies(event -> {
            assertThat(event.event()).isEqualTo(TrackingEvent.RESPONSE_PUBLISHED);
            assertThat(event.detail()).isEqualTo("response message " + response.messageId());
        });
    }

    @Test
    @DisplayName("the query filters by message, port, event and time, newest first, at most the limit")
    void query() {
        EngineMessage first = smallMessage("order-1");
        box.publish(first, ready("orders", "FILE", 5, NOW));
        EngineMessage second = smallMessage("order-2");
        box.inTransaction(() -> box.messages.insert(List.of(new MessageStore.Publication(second, null,
                List.of(ready("audit", "FILE", 5, NOW)))), NOW.plusSeconds(60)));

        assertThat(find(new TrackingLog.Query(null, null, null, null, null, null, 100))).extracting(TrackedEvent::messageId)
                .containsExactly(second.messageId(), first.messageId());
        assertThat(find(new TrackingLog.Query(first.messageId(), null, null, null, null, null, 100))).hasSize(1);
        assertThat(find(new TrackingLog.Query(null, "audit", null, null, null, null, 100))).singleElement()
                .extracting(TrackedEvent::event).isEqualTo(TrackingEvent.ROUTED);
        assertThat(find(new TrackingLog.Query(null, null, TrackingEvent.ROUTED, null, null, null, 100)))
                .extracting(TrackedEvent::messageId).containsExactly(second.messageId(), first.messageId());
        assertThat(find(new TrackingLog.Query(null, null, null, "FAILURE", null, null, 100))).isEmpty();
        assertThat(find(new TrackingLog.Query(null, null, null, null, NOW.plusSeconds(1), null, 100))).hasSize(1)
                .allSatisfy(event -> assertThat(event.messageId()).isEqualTo(second.messageId()));
        assertThat(find(new TrackingLog.Query(null, null, null, null, null, NOW.plusSeconds(60), 100))).hasSize(1)
                .allSatisfy(event -> assertThat(event.messageId()).isEqualTo(first.messageId()));
        assertThat(find(new TrackingLog.Query(null, null, null, null, null, null, 1))).extracting(TrackedEvent::messageId)
                .containsExactly(second.messageId());
    }

    private List<TrackedEvent> find(TrackingLog.Query query) {
        return box.tracking.find(query);
    }

    @Test
    @DisplayName("EVENTS_AND_BODIES keeps a copy of each part, inline or stored, the first MiB of a larger one; EVENTS none")
    void bodies() {
        box.trackingLevels.put("id-orders", TrackingLevel.EVENTS_AND_BODIES);
        EngineMessage small = smallMessage("order-1");
        box.publish(small, ready("orders", "FILE", 5, NOW));
        EngineMessage stored = largeMessage(300_000);
        stored.addPart("invoice", ContentPart.of("<invoice/>".getBytes(StandardCharsets.UTF_8), "application/xml",
                "UTF-8"), false);
        box.publish(stored, ready("orders", "FILE", 5, NOW), ready("audit", "FILE", 5, NOW));
        int larger = TrackingWriter.MAX_BODY_BYTES + 100_000;
        EngineMessage large = largeMessage(larger);
        box.publish(large, ready("orders", "FILE", 5, NOW));
        EngineMessage untracked = smallMessage("order-2");
        box.publish(untracked, ready("audit", "FILE", 5, NOW));

        assertThat(box.tracking.bodies(small.messageId())).singleElement().satisfies(body -> {
            assertThat(body).extracting(TrackedBody::partName, TrackedBody::contentType, TrackedBody::charset,
                    TrackedBody::sizeBytes, TrackedBody::keptBytes).containsExactly("body", "text/plain", "UTF-8", 7L, 7L);
            assertThat(body.truncated()).isFalse();
        });
        assertThat(box.tracking.bodyBytes(small.messageId(), "body")).hasValue("order-1".getBytes(StandardCharsets.UTF_8));

        assertThat(box.tracking.bodies(stored.messageId())).as("kept once, though routed to two ports")
                .extracting(TrackedBody::partName, TrackedBody::sizeBytes, TrackedBody::keptBytes)
                .containsExactly(tuple("body", 300_000L, 300_000L), tuple("invoice", 10L, 10L));
        assertThat(box.tracking.bodyBytes(stored.messageId(), "body")).hasValue(TestMessageBox.pattern(300_000));

        assertThat(box.tracking.bodies(large.messageId())).singleElement().satisfies(body -> {
            assertThat(body.sizeBytes()).isEqualTo(larger);
            assertThat(body.keptBytes()).isEqualTo(TrackingWriter.MAX_BODY_BYTES);
            assertThat(body.truncated()).isTrue();
        });
        assertThat(box.tracking.bodyBytes(large.messageId(), "body").orElseThrow())
                .isEqualTo(Arrays.copyOf(TestMessageBox.pattern(larger), TrackingWriter.MAX_BODY_BYTES));

        assertThat(box.tracking.bodies(untracked.messageId())).as("a port tracked at EVENTS keeps no body").isEmpty();
        assertThat(box.tracking.purge(NOW.plusSeconds(1))).as("bodies purged with the events").isPositive();
        assertThat(box.tracking.bodies(small.messageId())).isEmpty();
    }

    @Test
    @DisplayName("the purge deletes what is older than the cutoff, in batches, and leaves the rest")
    void purge() throws Exception {
        int old = TrackingLog.PURGE_BATCH + 7;
        try (Connection connection = box.dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement("insert into cv_tracking (recorded_at, message_id, "
                     + "event) values (?, ?, 'PUBLISHED')")) {
            for (int i = 0; i < old + 3; i++) {
                Sql.setInstant(insert, 1, i < old ? NOW.minus(Duration.ofDays(8)) : NOW);
                insert.setString(2, "m-" + i);
                insert.addBatch();
            }
            insert.executeBatch();
        }
        Instant cutoff = NOW.minus(Duration.ofDays(7));
        assertThat(box.tracking.purge(cutoff)).isEqualTo(old);
        assertThat(box.rows("select count(*) from cv_tracking").get(0)[0]).isEqualTo(3L);
        assertThat(box.tracking.purge(cutoff)).isZero();
    }
}
