package io.conveyor.engine.messagebox;

import static io.conveyor.engine.messagebox.TestMessageBox.LEASE;
import static io.conveyor.engine.messagebox.TestMessageBox.NOW;
import static io.conveyor.engine.messagebox.TestMessageBox.SERVER;
import static io.conveyor.engine.messagebox.TestMessageBox.handedOff;
import static io.conveyor.engine.messagebox.TestMessageBox.largeMessage;
import static io.conveyor.engine.messagebox.TestMessageBox.pattern;
import static io.conveyor.engine.messagebox.TestMessageBox.ready;
import static io.conveyor.engine.messagebox.TestMessageBox.smallMessage;
import static io.conveyor.engine.messagebox.TestMessageBox.suspendedAtPublication;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.conveyor.adapter.ContextProperty;
import io.conveyor.engine.api.ValidationException;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Publication ({@link MessageStore}, {@link MessageWriter}): a small one-part message is held inline, one row per send
 * port; any other message (large, multi-part, a response) is stored once with its parts in chunks and reads back
 * byte for byte; work items are written in the state routing asked for (ready, suspended, handed off under a lease);
 * the maintained backlog counts follow; a part above the limit is refused; old unrouted responses are purged.
 */
class MessageStoreTest {

    private final TestMessageBox box = new TestMessageBox();

    @AfterEach
    void close() throws Exception {
        box.close();
    }

    @Test
    @DisplayName("a small message is held inline, one row per port, with its context and body; nothing in cv_message")
    void smallMessageInline() throws Exception {
        EngineMessage message = smallMessage("order-1");
        List<String> ids = box.publish(message, ready("orders", "FILE", 5, NOW), ready("audit", "HTTP", 3, NOW))
                .workItemIds();

        assertThat(box.tableSizes()).containsEntry("cv_work_item", 2L).containsEntry("cv_message", 0L)
                .containsEntry("cv_message_part", 0L);
        WorkItem orders = box.stored(ids.get(0));
        assertThat(orders.inline()).isTrue();
        assertThat(orders.state()).isEqualTo(WorkItemState.READY);
        assertThat(orders.messageId()).isEqualTo(message.messageId());
        assertThat(orders.adapterType()).isEqualTo("FILE");
        assertThat(orders.attemptCount()).isZero();
        assertThat(orders.leaseOwner()).isNull();
        assertThat(box.stored(ids.get(1)).priority()).isEqualTo(3);
        assertThat((byte[]) box.column(ids.get(1), "body")).asString(StandardCharsets.UTF_8).isEqualTo("order-1");

        MessageBoxQueries.MessageView view = box.queries.message(message.messageId()).orElseThrow();
        assertThat(view.context()).containsExactly(new ContextProperty("OrderNo", "urn:test", "order-1", true));
        assertThat(view.parts()).containsExactly(new MessageBoxQueries.PartView("body", "text/plain", "UTF-8", 7));
        assertThat(view.workItems()).extracting(WorkItem::portName).containsExactly("audit", "orders");
    }

    @Test
    @DisplayName("a body above 64 KiB goes to cv_message in 256 KiB chunks and reads back byte for byte")
    void largeMessageChunked() throws Exception {
        int size = 2 * MessageWriter.CHUNK_SIZE + 1000;
        EngineMessage message = largeMessage(size);
        List<String> ids = box.publish(message, ready("orders", "FILE", 5, NOW), ready("audit", "FILE", 5, NOW))
                .workItemIds();

        assertThat(box.stored(ids.get(0)).inline()).isFalse();
        assertThat(box.column(ids.get(0), "body")).isNull();
        assertThat(box.tableSizes()).containsEntry("cv_message", 1L).containsEntry("cv_message_part", 1L)
                .containsEntry("cv_part_chunk", 3L);
        MessageBoxQueries.MessageView view = box.queries.message(message.messageId()).orElseThrow();
        assertThat(view.size()).isEqualTo(size);
        assertThat(view.parts()).containsExactly(new MessageBoxQueries.PartView("body", "application/octet-stream", null,
                size));
        try (InputStream body = box.queries.openBody(view)) {
            assertThat(body.readAllBytes()).isEqualTo(pattern(size));
        }
    }

    @Test
    @DisplayName("a body of unknown size is streamed in and its size recorded once read")
    void unknownSize() throws Exception {
        int size = MessageWriter.CHUNK_SIZE + 10;
        EngineMessage message = EngineMessage.create(MessageIds.next());
        message.addPart("body", new ContentPart(() -> new ByteArrayInputStream(pattern(size)), "application/pdf", null,
                OptionalLong.empty()), true);
        box.publish(message, ready("orders", "FILE", 5, NOW));

        assertThat(box.rows("select size_bytes, chunk_count from cv_message_part")).singleElement()
                .satisfies(row -> assertThat(row).containsExactly((long) size, 2));
        assertThat(box.queries.message(message.messageId()).orElseThrow().size()).isEqualTo(size);
    }

    @Test
    @DisplayName("a message of several parts is stored with its parts in order, the body first")
    void multiPart() {
        EngineMessage message = EngineMessage.create(MessageIds.next());
        message.addPart("attachment", ContentPart.of(new byte[] {1, 2}, "image/png", null), false);
        message.addPart("body", ContentPart.of("text".getBytes(StandardCharsets.UTF_8), "text/plain", "UTF-8"), true);
        box.publish(message, ready("orders", "FILE", 5, NOW));

        assertThat(box.queries.message(message.messageId()).orElseThrow().parts()).containsExactly(
                new MessageBoxQueries.PartView("body", "text/plain", "UTF-8", 4),
                new MessageBoxQueries.PartView("attachment", "image/png", null, 2));
        assertThat(box.count("select count(*) from cv_work_item where context is not null")).isZero();
    }

    @Test
    @DisplayName("a small response is stored in cv_message with its correlation, and found as the solicit's response")
    void response() {
        EngineMessage response = smallMessage("answer");
        box.inTransaction(() -> box.messages.insert(List.of(new MessageStore.Publication(response, "solicit-1",
                List.of(ready("orders", "FILE", 5, NOW)))), NOW));

        assertThat(box.rows("select id, correlation_id from cv_message")).singleElement()
                .satisfies(row -> assertThat(row).containsExactly(response.messageId(), "solicit-1"));
        assertThat(box.queries.responseOf("solicit-1")).get()
                .satisfies(view -> assertThat(view.id()).isEqualTo(response.messageId()));
        assertThat(box.queries.responseOf("solicit-2")).isEmpty();
    }

    @Test
    @DisplayName("a work item asked to be handed off is stored in process under this server's lease, one token per transaction")
    void handOffInline() {
        List<MessageStore.Written> written = box.inTransaction(() -> box.messages.insert(List.of(
                new MessageStore.Publication(smallMessage("a"), null, List.of(handedOff("orders", "FILE"))),
                new MessageStore.Publication(smallMessage("b"), null, List.of(handedOff("orders", "FILE"),
                        ready("audit", "FILE", 5, NOW)))), NOW));

        assertThat(written.get(0).leaseToken()).isNotNull().isEqualTo(written.get(1).leaseToken());
        assertThat(written.get(1).inlineBody()).asString(StandardCharsets.UTF_8).isEqualTo("b");
        WorkItem handed = box.stored(written.get(0).workItemIds().get(0));
        assertThat(handed.state()).isEqualTo(WorkItemState.IN_PROCESS);
        assertThat(handed.leaseOwner()).isEqualTo(SERVER);
        assertThat(handed.leaseToken()).isEqualTo(written.get(0).leaseToken());
        assertThat(handed.leaseExpiresAt()).isEqualTo(NOW.plus(LEASE));
        assertThat(handed.attemptCount()).isEqualTo(1);
        WorkItem notHanded = box.stored(written.get(1).workItemIds().get(1));
        assertThat(notHanded.state()).isEqualTo(WorkItemState.READY);
        assertThat(notHanded.leaseToken()).isNull();
    }

    @Test
    @DisplayName("a large message cannot be handed off: its work item is stored ready, without a lease")
    void noHandOffForLargeMessages() {
        MessageStore.Written written = box.publish(largeMessage(MessageWriter.INLINE_LIMIT + 1), handedOff("orders", "FILE"));

        assertThat(written.leaseToken()).isNull();
        assertThat(written.inlineBody()).isNull();
        WorkItem item = box.stored(written.workItemIds().get(0));
        assertThat(item.state()).isEqualTo(WorkItemState.READY);
        assertThat(item.leaseOwner()).isNull();
        assertThat(item.attemptCount()).isZero();
    }

    @Test
    @DisplayName("a work item suspended at publication keeps its reason and the time")
    void suspendedAtPublishing() {
        String id = box.publish(suspendedAtPublication("orders", "FILE", "send port orders is stopped")).get(0);

        WorkItem item = box.stored(id);
        assertThat(item.state()).isEqualTo(WorkItemState.SUSPENDED);
        assertThat(item.errorText()).isEqualTo("send port orders is stopped");
        assertThat(item.suspendedAt()).isEqualTo(NOW);
    }

    @Test
    @DisplayName("the maintained backlog counts equal the work items after publishing")
    void backlogCounts() {
        box.publishReady(3, "orders", "FILE");
        box.publish(largeMessage(100_000), ready("orders", "FILE", 5, NOW), ready("audit", "FILE", 5, NOW));
        box.publish(suspendedAtPublication("audit", "FILE", "stopped"));
        box.publish(smallMessage("h"), handedOff("audit", "FILE"));

        assertThat(box.queries.workItemCounts()).isEqualTo(box.realCounts()).isEqualTo(Map.of(
                "id-orders", Map.of(WorkItemState.READY, 4L),
                "id-audit", Map.of(WorkItemState.READY, 1L, WorkItemState.SUSPENDED, 1L, WorkItemState.IN_PROCESS, 1L)));
    }

    @Test
    @DisplayName("a part larger than the MessageBox takes in one transaction is refused while it streams in")
    void partTooLarge() throws Exception {
        EngineMessage message = largeMessage(3 * MessageWriter.CHUNK_SIZE);
        assertThatThrownBy(() -> box.inTransaction(() -> {
            try (Connection connection = box.dataSource.getConnection();
                 TrackingWriter tracking = new TrackingWriter(connection, NOW);
                 MessageWriter writer = new MessageWriter(connection, box.ids, 2L * MessageWriter.CHUNK_SIZE,
                         box.trackedPorts, tracking)) {
                writer.add(message, null, List.of(ready("orders", "FILE", 5, NOW)), NOW);
                writer.flush();
            }
            return null;
        })).isInstanceOf(ValidationException.class).hasMessageContaining("is larger than");
        assertThat(box.tableSizes()).containsEntry("cv_message", 0L).containsEntry("cv_part_chunk", 0L)
                .containsEntry("cv_work_item", 0L);
    }

    @Test
    @DisplayName("purging removes only unrouted responses older than the cut-off, with their parts")
    void purgeUnroutedResponses() {
        EngineMessage old = smallMessage("old");
        EngineMessage routed = smallMessage("routed");
        box.inTransaction(() -> box.messages.insert(List.of(
                new MessageStore.Publication(old, "s1", List.of()),
                new MessageStore.Publication(routed, "s2", List.of(ready("orders", "FILE", 5, NOW)))), NOW));
        EngineMessage recent = smallMessage("recent");
        box.inTransaction(() -> box.messages.insert(List.of(new MessageStore.Publication(recent, "s3", List.of())),
                NOW.plus(Duration.ofHours(2))));

        int purged = box.messages.purgeUnroutedResponses(NOW.plus(Duration.ofHours(1)));

        assertThat(purged).isEqualTo(1);
        assertThat(box.rows("select id from cv_message order by correlation_id")).extracting(row -> row[0])
                .containsExactly(routed.messageId(), recent.messageId());
        assertThat(box.count("select count(*) from cv_message_part where message_id = ?", old.messageId())).isZero();
        assertThat(box.count("select count(*) from cv_part_chunk where message_id = ?", old.messageId())).isZero();
    }
}
