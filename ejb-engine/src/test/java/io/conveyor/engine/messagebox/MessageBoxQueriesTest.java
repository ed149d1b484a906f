package io.conveyor.engine.messagebox;

import static io.conveyor.engine.messagebox.TestMessageBox.NOW;
import static io.conveyor.engine.messagebox.TestMessageBox.largeMessage;
import static io.conveyor.engine.messagebox.TestMessageBox.pattern;
import static io.conveyor.engine.messagebox.TestMessageBox.ready;
import static io.conveyor.engine.messagebox.TestMessageBox.smallMessage;
import static io.conveyor.engine.messagebox.TestMessageBox.suspendedAtPublication;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Operators' read-only views ({@link MessageBoxQueries}): work items filtered by port and state, newest first, within
 * the limit; a message found whether inline or stored, with its work items, and absent once delivered; the backlog
 * counts named by port name when the port is known; the number of stored messages.
 */
class MessageBoxQueriesTest {

    private final TestMessageBox box = new TestMessageBox();

    @AfterEach
    void close() throws Exception {
        box.close();
    }

    @Test
    @DisplayName("work items filter by port and state, newest first, at most the limit")
    void workItems() {
        String older = box.publish(ready("orders", "FILE", 5, NOW)).get(0);
        String newer = box.inTransaction(() -> box.messages.insert(List.of(new MessageStore.Publication(
                smallMessage("n"), null, List.of(ready("orders", "FILE", 5, NOW)))), NOW.plusSeconds(1)))
                .get(0).workItemIds().get(0);
        String stopped = box.inTransaction(() -> box.messages.insert(List.of(new MessageStore.Publication(
                smallMessage("s"), null, List.of(suspendedAtPublication("audit", "FILE", "stopped")))),
                NOW.plusSeconds(2))).get(0).workItemIds().get(0);

        assertThat(ids(box.queries.workItems(null, null, 10))).containsExactly(stopped, newer, older);
        assertThat(ids(box.queries.workItems("orders", null, 10))).containsExactly(newer, older);
        assertThat(ids(box.queries.workItems(null, WorkItemState.SUSPENDED, 10))).containsExactly(stopped);
        assertThat(ids(box.queries.workItems("audit", WorkItemState.READY, 10))).isEmpty();
        assertThat(ids(box.queries.workItems(null, null, 1))).containsExactly(stopped);
    }

    private static List<String> ids(List<WorkItem> items) {
        return items.stream().map(WorkItem::id).toList();
    }

    @Test
    @DisplayName("a message is found inline or stored, with its work items; once delivered it is gone")
    void message() {
        EngineMessage inline = smallMessage("abc");
        box.publish(inline, ready("orders", "FILE", 5, NOW));
        EngineMessage stored = largeMessage(70_000);
        box.publish(stored, ready("orders", "FILE", 5, NOW), ready("audit", "FILE", 5, NOW));

        MessageBoxQueries.MessageView small = box.queries.message(inline.messageId()).orElseThrow();
        assertThat(small.size()).isEqualTo(3);
        assertThat(small.createdAt()).isEqualTo(NOW);
        assertThat(small.workItems()).extracting(WorkItem::portName).containsExactly("orders");
        MessageBoxQueries.MessageView large = box.queries.message(stored.messageId()).orElseThrow();
        assertThat(large.size()).isEqualTo(70_000);
        assertThat(large.workItems()).extracting(WorkItem::portName).containsExactly("audit", "orders");
        assertThat(box.queries.messageCount()).as("only messages not held inline").isEqualTo(1);

        Delivery delivery = TestMessageBox.deliveryOf(box.claim("FILE", 10),
                small.workItems().get(0).id());
        box.dispose(TestMessageBox.deletion(delivery));
        assertThat(box.queries.message(inline.messageId())).isEmpty();
        assertThat(box.queries.message("0190c1de-0000-7000-8000-00000000ffff")).isEmpty();
    }

    @Test
    @DisplayName("a part is streamed from the work item when inline, chunk by chunk when stored; absent parts are empty")
    void openPart() throws Exception {
        EngineMessage inline = smallMessage("abc");
        box.publish(inline, ready("orders", "FILE", 5, NOW));
        int size = 2 * MessageWriter.CHUNK_SIZE + 10;
        EngineMessage stored = largeMessage(size);
        box.publish(stored, ready("orders", "FILE", 5, NOW));

        try (InputStream body = box.queries.openPart(inline.messageId(), 0).orElseThrow()) {
            assertThat(new String(body.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("abc");
        }
        try (InputStream body = box.queries.openPart(stored.messageId(), 0).orElseThrow()) {
            assertThat(body.readAllBytes()).isEqualTo(pattern(size));
        }
        assertThat(box.queries.openPart(inline.messageId(), 1)).isEmpty();
        assertThat(box.queries.openPart(stored.messageId(), 1)).isEmpty();
        assertThat(box.queries.openPart("0190c1de-0000-7000-8000-00000000ffff", 0)).isEmpty();
    }

    @Test
    @DisplayName("backlog counts are named by the port's name when the port is known, else by its identity")
    void countsByPortName() {
        box.update("insert into cv_send_port (id, name, definition, updated_at) values (?, ?, '{}', ?)", "id-orders",
                "Orders to the warehouse", java.time.OffsetDateTime.parse("2026-11-29T08:00:00Z"));
        box.publishReady(2, "orders", "FILE");
        box.publishReady(1, "audit", "FILE");
        box.claim("FILE", 10);
        box.inTransaction(() -> box.leases.recoverExpired(NOW.plus(Duration.ofHours(1)), 3));

        assertThat(box.queries.workItemCounts()).isEqualTo(Map.of(
                "Orders to the warehouse", Map.of(WorkItemState.READY, 2L),
                "id-audit", Map.of(WorkItemState.READY, 1L)));
    }
}
