package io.conveyor.engine.messagebox;

import static io.conveyor.engine.messagebox.TestMessageBox.NOW;
import static io.conveyor.engine.messagebox.TestMessageBox.idsOf;
import static io.conveyor.engine.messagebox.TestMessageBox.largeMessage;
import static io.conveyor.engine.messagebox.TestMessageBox.ready;
import static io.conveyor.engine.messagebox.TestMessageBox.suspendedAtPublication;
import static io.conveyor.engine.messagebox.TestMessageBox.suspension;
import static org.assertj.core.api.Assertions.assertThat;

import io.conveyor.adapter.ContextProperty;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The suspended queue ({@link SuspendedQueue}): finding suspended work items by port, adapter, error and time, most
 * recent first; resuming a resumable one puts it back on its port's primary transport, due now, with a fresh retry
 * budget and its {@code PropertiesToUpdate}; non-resumable, missing, unsuspended items and gone ports are refused with
 * a reason; terminating deletes the item (and a stored message with its last item); the backlog counts follow.
 */
class SuspendedQueueTest {

    private static final Function<WorkItem, SuspendedQueue.ResumeTarget> PRIMARY =
            item -> new SuspendedQueue.ResumeTarget("HTTP", 4, 10);

    private final TestMessageBox box = new TestMessageBox();

    @AfterEach
    void close() throws Exception {
        box.close();
    }

    /** Suspends the work item's delivery (claimed at {@code at}) with the error, resumable or not. */
    private void suspend(String workItemId, String error, boolean nonResumable, Instant at) {
        Delivery delivery = TestMessageBox.deliveryOf(box.claim("FILE", 100), workItemId);
        box.inTransaction(() -> box.dispositions.apply(List.of(suspension(delivery, error, nonResumable)),
                TestMessageBox.SERVER, at));
    }

    @Test
    @DisplayName("find filters by port, failing adapter, error text and time, most recently suspended first")
    void find() {
        String first = box.publish(ready("orders", "FILE", 5, NOW)).get(0);
        suspend(first, "HTTP 503 Service Unavailable", false, NOW.plusSeconds(10));
        String second = box.publish(ready("audit", "FILE", 5, NOW)).get(0);
        suspend(second, "Schema violation", true, NOW.plusSeconds(20));
        String stopped = box.publish(suspendedAtPublication("orders", "FILE", "send port orders is stopped")).get(0);
        box.publish(ready("orders", "FILE", 5, NOW));

        assertThat(find(null, null, null, null, null)).containsExactly(second, first, stopped);
        assertThat(find("orders", null, null, null, null)).containsExactly(first, stopped);
        assertThat(find(null, "file", null, null, null)).as("by the adapter that failed").containsExactly(second, first);
        assertThat(find(null, null, "service UNAVAILABLE", null, null)).containsExactly(first);
        assertThat(find(null, null, null, NOW.plusSeconds(10), NOW.plusSeconds(20))).containsExactly(first);
        assertThat(box.suspended.find(new SuspendedQueue.Query(null, null, null, null, null, 2))).hasSize(2);
    }

    @Test
    @DisplayName("the error text filter matches %, _ and \\ literally, not as LIKE's wildcards")
    void errorTextMatchedLiterally() {
        String percent = box.publish(ready("orders", "FILE", 5, NOW)).get(0);
        suspend(percent, "disk 100% full", false, NOW.plusSeconds(1));
        String other = box.publish(ready("orders", "FILE", 5, NOW)).get(0);
        suspend(other, "disk 1000 full, file_name C:\\in", false, NOW.plusSeconds(2));

        assertThat(find(null, null, "100% full", null, null)).containsExactly(percent);
        assertThat(find(null, null, "0%", null, null)).containsExactly(percent);
        assertThat(find(null, null, "file_name", null, null)).containsExactly(other);
        assertThat(find(null, null, "disk_100", null, null)).isEmpty();
        assertThat(find(null, null, "C:\\in", null, null)).containsExactly(other);
        assertThat(find(null, null, "%", null, null)).containsExactly(percent);
        assertThat(box.suspended.count(new SuspendedQueue.Query(null, null, "full", null, null, 1))).isEqualTo(2);
        assertThat(box.suspended.count(new SuspendedQueue.Query(null, null, "_", null, null, 1))).isEqualTo(1);
    }

    @Test
    @DisplayName("findAfter pages through what a query matches in the order of the identities")
    void findAfterPages() {
        List<String> ids = new java.util.ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String id = box.publish(ready("orders", "FILE", 5, NOW)).get(0);
            suspend(id, "refused " + i, false, NOW.plusSeconds(10 - i));
            ids.add(id);
        }
        SuspendedQueue.Query twoAtATime = new SuspendedQueue.Query("orders", null, "refused", null, null, 2);
        List<String> first = box.suspended.findAfter(twoAtATime, null).stream().map(WorkItem::id).toList();
        assertThat(first).containsExactly(ids.get(0), ids.get(1));
        assertThat(box.suspended.findAfter(twoAtATime, first.get(1)).stream().map(WorkItem::id))
                .containsExactly(ids.get(2));
        assertThat(box.suspended.findAfter(twoAtATime, ids.get(2))).isEmpty();
    }

    private List<String> find(String port, String adapter, String error, Instant from, Instant to) {
        return box.suspended.find(new SuspendedQueue.Query(port, adapter, error, from, to, 100)).stream()
                .map(WorkItem::id).toList();
    }

    @Test
    @DisplayName("resume puts the item back on its primary transport, due now, fresh retries, properties kept")
    void resume() {
        String id = box.publish(ready("orders", "FILE", 5, NOW)).get(0);
        Delivery delivery = box.claimOne("FILE");
        String properties = PropertiesToUpdate.write(List.of(new ContextProperty("Fixed", "urn:x", true, false)));
        box.dispose(Disposition.moveToNextTransport(delivery.message().lease(), delivery.message().messageId(),
                new Disposition.BackupTransport("SFTP", 0, 1), null, null));
        Delivery onBackup = box.claimOne("SFTP");
        box.dispose(Disposition.suspend(onBackup.message().lease(), onBackup.message().messageId(),
                new Disposition.FailureInfo("disk full", "SFTP", "sftp://x"), false, properties));
        Instant resumedAt = NOW.plus(Duration.ofDays(1));

        List<SuspendedQueue.ControlResult> results = box.inTransaction(
                () -> box.suspended.resume(List.of(id), PRIMARY, resumedAt));

        assertThat(results).containsExactly(new SuspendedQueue.ControlResult(id, "orders", true, ""));
        WorkItem item = box.stored(id);
        assertThat(item.state()).isEqualTo(WorkItemState.READY);
        assertThat(item.transport()).isEqualTo(TransportRole.PRIMARY);
        assertThat(item.adapterType()).isEqualTo("HTTP");
        assertThat(item.retriesLeft()).isEqualTo(4);
        assertThat(item.retryInterval()).isEqualTo(10);
        assertThat(item.attemptCount()).isZero();
        assertThat(item.nextAttemptAt()).isEqualTo(resumedAt);
        assertThat(item.suspendedAt()).isNull();
        assertThat(item.propertiesToUpdate()).isEqualTo(properties);
        assertThat(idsOf(box.claim("HTTP", 10, resumedAt))).containsExactly(id);
    }

    @Test
    @DisplayName("resume refuses non-resumable, missing and unsuspended items and gone ports, and changes none of them")
    void resumeRefusals() {
        String nonResumable = box.publish(ready("a", "FILE", 5, NOW)).get(0);
        suspend(nonResumable, "fatal", true, NOW);
        String portGone = box.publish(suspendedAtPublication("gone", "FILE", "stopped")).get(0);
        String ready = box.publish(ready("b", "FILE", 5, NOW)).get(0);

        List<SuspendedQueue.ControlResult> results = box.inTransaction(() -> box.suspended.resume(
                List.of(nonResumable, portGone, ready, "999999", "not-a-number"),
                item -> item.portName().equals("gone") ? null : PRIMARY.apply(item), NOW));

        assertThat(results).extracting(SuspendedQueue.ControlResult::applied).containsOnly(false);
        assertThat(results).extracting(SuspendedQueue.ControlResult::reason).containsExactly(
                "suspended as non-resumable: it can only be terminated",
                "send port gone no longer exists; terminate the message",
                "not suspended (state READY)",
                "no such work item (already resumed, terminated or delivered?)",
                "no such work item (already resumed, terminated or delivered?)");
        assertThat(box.stored(nonResumable).state()).isEqualTo(WorkItemState.SUSPENDED_NON_RESUMABLE);
        assertThat(box.stored(portGone).state()).isEqualTo(WorkItemState.SUSPENDED);
    }

    @Test
    @DisplayName("terminate deletes suspended items of either kind, and a stored message with its last work item")
    void terminate() {
        List<String> large = box.publish(largeMessage(100_000), suspendedAtPublication("orders", "FILE", "stopped"),
                suspendedAtPublication("audit", "FILE", "stopped")).workItemIds();
        String nonResumable = box.publish(ready("c", "FILE", 5, NOW)).get(0);
        suspend(nonResumable, "fatal", true, NOW);
        String inProcess = box.publish(ready("d", "FILE", 5, NOW)).get(0);
        box.claimOne("FILE");

        List<SuspendedQueue.ControlResult> first = box.inTransaction(
                () -> box.suspended.terminate(List.of(large.get(0), nonResumable, inProcess), NOW));

        assertThat(first).containsExactly(new SuspendedQueue.ControlResult(large.get(0), "orders", true, ""),
                new SuspendedQueue.ControlResult(nonResumable, "c", true, ""),
                new SuspendedQueue.ControlResult(inProcess, "d", false,
                        "not suspended (state IN_PROCESS)"));
        assertThat(box.workItem(large.get(0))).isEmpty();
        assertThat(box.workItem(nonResumable)).isEmpty();
        assertThat(box.stored(inProcess).state()).isEqualTo(WorkItemState.IN_PROCESS);
        assertThat(box.tableSizes()).containsEntry("cv_message", 1L);

        box.inTransaction(() -> box.suspended.terminate(List.of(large.get(1)), NOW));
        assertThat(box.tableSizes()).containsEntry("cv_work_item", 1L).containsEntry("cv_message", 0L)
                .containsEntry("cv_message_part", 0L).containsEntry("cv_part_chunk", 0L);
    }

    @Test
    @DisplayName("the maintained backlog counts equal the work items after resumes and terminations")
    void backlogCounts() {
        List<String> ids = box.publish(suspendedAtPublication("orders", "FILE", "stopped"),
                suspendedAtPublication("audit", "FILE", "stopped"));
        String other = box.publish(suspendedAtPublication("orders", "FILE", "stopped")).get(0);

        box.inTransaction(() -> box.suspended.resume(List.of(ids.get(0)), PRIMARY, NOW));
        box.inTransaction(() -> box.suspended.terminate(List.of(ids.get(1)), NOW));

        assertThat(box.queries.workItemCounts()).isEqualTo(box.realCounts()).isEqualTo(Map.of(
                "id-orders", Map.of(WorkItemState.READY, 1L, WorkItemState.SUSPENDED, 1L)));
        assertThat(box.stored(other).state()).isEqualTo(WorkItemState.SUSPENDED);
    }
}
