package io.conveyor.engine.messagebox;

import static io.conveyor.engine.messagebox.TestMessageBox.NOW;
import static io.conveyor.engine.messagebox.TestMessageBox.OTHER_SERVER;
import static io.conveyor.engine.messagebox.TestMessageBox.SERVER;
import static io.conveyor.engine.messagebox.TestMessageBox.deletion;
import static io.conveyor.engine.messagebox.TestMessageBox.deliveryOf;
import static io.conveyor.engine.messagebox.TestMessageBox.handedOff;
import static io.conveyor.engine.messagebox.TestMessageBox.idsOf;
import static io.conveyor.engine.messagebox.TestMessageBox.largeMessage;
import static io.conveyor.engine.messagebox.TestMessageBox.ready;
import static io.conveyor.engine.messagebox.TestMessageBox.smallMessage;
import static io.conveyor.engine.messagebox.TestMessageBox.suspension;
import static org.assertj.core.api.Assertions.assertThat;

import io.conveyor.adapter.ContextProperty;
import io.conveyor.adapter.StatusCode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Dispositions ({@link DispositionStore}): a delivery deleted after success leaves no row (and a stored message goes
 * with its last work item only); a retry, a move to the backup transport and a suspension leave exactly the expected
 * row; an operation that does not hold its delivery (lease lost, already disposed of, named twice, no retry or backup
 * left) fails with its reason, and all-or-nothing batches then change nothing once the caller rolls back, while
 * {@code applyEach} applies the valid ones; the backlog counts follow.
 */
class DispositionStoreTest {

    private static final Disposition.FailureInfo FAILURE = new Disposition.FailureInfo("HTTP 503", "HTTP", "https://partner");
    private static final String PROPERTIES = PropertiesToUpdate.write(List.of(new ContextProperty("Attempt", "urn:x", 2, false)));

    private final TestMessageBox box = new TestMessageBox();

    @AfterEach
    void close() throws Exception {
        box.close();
    }

    @Test
    @DisplayName("deleting delivered inline messages removes exactly their work items")
    void deleteInline() {
        List<String> first = box.publish(ready("orders", "FILE", 5, NOW), ready("audit", "HTTP", 5, NOW));
        List<String> second = box.publish(ready("orders", "FILE", 5, NOW));
        List<Delivery> claimed = box.claim("FILE", 10);

        List<DispositionResult> results = box.dispose(deletion(claimed.get(0)), deletion(claimed.get(1)));

        assertThat(results).extracting(DispositionResult::status).containsExactly(StatusCode.OK, StatusCode.OK);
        assertThat(box.workItem(first.get(0))).isEmpty();
        assertThat(box.workItem(second.get(0))).isEmpty();
        assertThat(box.stored(first.get(1)).state()).as("the other port's work item").isEqualTo(WorkItemState.READY);
        assertThat(box.tableSizes()).containsEntry("cv_work_item", 1L);
    }

    @Test
    @DisplayName("a handed-off delivery is deleted under the lease it was stored with")
    void deleteHandedOff() {
        EngineMessage message = smallMessage("h");
        MessageStore.Written written = box.publish(message, handedOff("orders", "FILE"));
        String id = written.workItemIds().get(0);

        List<DispositionResult> results = box.dispose(Disposition.delete(
                new EngineMessage.Lease(id, written.leaseToken(), "id-orders"), message.messageId()));

        assertThat(results).extracting(DispositionResult::status).containsExactly(StatusCode.OK);
        assertThat(box.workItem(id)).isEmpty();
    }

    @Test
    @DisplayName("a stored message stays while a work item references it and goes, with its parts, with the last")
    void deleteStoredMessage() {
        box.publish(largeMessage(300_000), ready("orders", "FILE", 5, NOW), ready("audit", "HTTP", 5, NOW));

        box.dispose(deletion(box.claimOne("FILE")));
        assertThat(box.tableSizes()).containsEntry("cv_work_item", 1L).containsEntry("cv_message", 1L)
                .containsEntry("cv_message_part", 1L).containsEntry("cv_part_chunk", 2L);

        box.dispose(deletion(box.claimOne("HTTP")));
        assertThat(box.tableSizes()).containsOnlyKeys("cv_work_item", "cv_message", "cv_message_part", "cv_part_chunk")
                .allSatisfy((table, rows) -> assertThat(rows).as(table).isZero());
    }

    @Test
    @DisplayName("a retry makes the item ready at the retry time with one retry less, its error and properties kept")
    void resubmit() {
        String id = box.publish(ready("orders", "FILE", 5, NOW)).get(0);
        Delivery delivery = box.claimOne("FILE");
        Instant retryAt = NOW.plus(Duration.ofMinutes(5));

        List<DispositionResult> results = box.dispose(Disposition.resubmit(delivery.message().lease(),
                delivery.message().messageId(), retryAt, FAILURE, PROPERTIES));

        assertThat(results).extracting(DispositionResult::status).containsExactly(StatusCode.OK);
        WorkItem item = box.stored(id);
        assertThat(item.state()).isEqualTo(WorkItemState.READY);
        assertThat(item.nextAttemptAt()).isEqualTo(retryAt);
        assertThat(item.retriesLeft()).isEqualTo(2);
        assertThat(item.attemptCount()).isEqualTo(1);
        assertThat(item.transport()).isEqualTo(TransportRole.PRIMARY);
        assertThat(item.leaseOwner()).isNull();
        assertThat(item.leaseToken()).isNull();
        assertThat(item.leaseExpiresAt()).isNull();
        assertThat(item.errorText()).isEqualTo("HTTP 503");
        assertThat(item.errorAdapter()).isEqualTo("HTTP");
        assertThat(item.errorAddress()).isEqualTo("https://partner");
        assertThat(PropertiesToUpdate.parse(item.propertiesToUpdate()))
                .containsExactly(new ContextProperty("Attempt", "urn:x", 2, false));
        assertThat(box.claim("FILE", 10, retryAt.minusMillis(1))).isEmpty();
        assertThat(idsOf(box.claim("FILE", 10, retryAt))).containsExactly(id);
    }

    @Test
    @DisplayName("a retry with none left fails with RETRIES_EXHAUSTED and changes nothing")
    void retriesExhausted() {
        String id = box.publish(ready("orders", "FILE", 5, NOW)).get(0);
        box.update("update cv_work_item set retries_left = 0 where id = ?", Long.parseLong(id));
        Delivery delivery = box.claimOne("FILE");

        List<DispositionResult> results = box.dispose(Disposition.resubmit(delivery.message().lease(),
                delivery.message().messageId(), NOW.plusSeconds(60), FAILURE, null));

        assertThat(results).extracting(DispositionResult::status).containsExactly(StatusCode.RETRIES_EXHAUSTED);
        assertThat(box.stored(id).state()).isEqualTo(WorkItemState.IN_PROCESS);
        assertThat(box.stored(id).leaseToken()).isEqualTo(delivery.workItem().leaseToken());
    }

    @Test
    @DisplayName("a move to the backup transport makes the item ready now for the backup adapter with its retry budget")
    void moveToBackup() {
        String id = box.publish(ready("orders", "FILE", 5, NOW)).get(0);
        Delivery delivery = box.claimOne("FILE");

        List<DispositionResult> results = box.dispose(Disposition.moveToNextTransport(delivery.message().lease(),
                delivery.message().messageId(), new Disposition.BackupTransport("SFTP", 7, 2), FAILURE, null));

        assertThat(results).extracting(DispositionResult::status).containsExactly(StatusCode.OK);
        WorkItem item = box.stored(id);
        assertThat(item.state()).isEqualTo(WorkItemState.READY);
        assertThat(item.transport()).isEqualTo(TransportRole.BACKUP);
        assertThat(item.adapterType()).isEqualTo("SFTP");
        assertThat(item.retriesLeft()).isEqualTo(7);
        assertThat(item.retryInterval()).isEqualTo(2);
        assertThat(item.attemptCount()).isZero();
        assertThat(item.nextAttemptAt()).isEqualTo(NOW);
        assertThat(item.errorText()).isEqualTo("HTTP 503");
        assertThat(idsOf(box.claim("SFTP", 10))).containsExactly(id);
    }

    @Test
    @DisplayName("a move without a backup transport, or from the backup, fails with NO_BACKUP_TRANSPORT")
    void noBackup() {
        String id = box.publish(ready("orders", "FILE", 5, NOW)).get(0);
        Delivery delivery = box.claimOne("FILE");

        assertThat(box.dispose(Disposition.moveToNextTransport(delivery.message().lease(), delivery.message().messageId(),
                null, FAILURE, null))).extracting(DispositionResult::status).containsExactly(StatusCode.NO_BACKUP_TRANSPORT);

        box.dispose(Disposition.moveToNextTransport(delivery.message().lease(), delivery.message().messageId(),
                new Disposition.BackupTransport("SFTP", 1, 1), FAILURE, null));
        Delivery onBackup = box.claimOne("SFTP");
        assertThat(box.dispose(Disposition.moveToNextTransport(onBackup.message().lease(), onBackup.message().messageId(),
                new Disposition.BackupTransport("SFTP", 1, 1), FAILURE, null)))
                .extracting(DispositionResult::status).containsExactly(StatusCode.NO_BACKUP_TRANSPORT);
        assertThat(box.stored(id).state()).isEqualTo(WorkItemState.IN_PROCESS);
    }

    @Test
    @DisplayName("a suspension keeps the error and the time; resumable or not as asked")
    void suspend() {
        List<String> ids = box.publish(ready("orders", "FILE", 5, NOW), ready("audit", "FILE", 5, NOW));
        List<Delivery> claimed = box.claim("FILE", 2);

        box.dispose(suspension(deliveryOf(claimed, ids.get(0)), "schema violation", false),
                suspension(deliveryOf(claimed, ids.get(1)), "fatal", true));

        WorkItem resumable = box.stored(ids.get(0));
        assertThat(resumable.state()).isEqualTo(WorkItemState.SUSPENDED);
        assertThat(resumable.suspendedAt()).isEqualTo(NOW);
        assertThat(resumable.errorText()).isEqualTo("schema violation");
        assertThat(resumable.errorAdapter()).isEqualTo("FILE");
        assertThat(resumable.errorAddress()).isEqualTo("out/orders");
        assertThat(resumable.leaseOwner()).isNull();
        assertThat(box.stored(ids.get(1)).state()).isEqualTo(WorkItemState.SUSPENDED_NON_RESUMABLE);
        assertThat(box.claim("FILE", 10)).isEmpty();
    }

    @Test
    @DisplayName("a disposition under a lease no longer held fails with LEASE_LOST: other owner, stale token, already gone")
    void leaseLost() {
        String id = box.publish(ready("orders", "FILE", 5, NOW)).get(0);
        Delivery delivery = box.claimOne("FILE");

        List<DispositionResult> otherOwner = box.inTransaction(() -> box.dispositions.apply(
                List.of(deletion(delivery)), OTHER_SERVER, NOW));
        assertThat(otherOwner).extracting(DispositionResult::status).containsExactly(StatusCode.LEASE_LOST);

        box.inTransaction(() -> box.leases.recover(List.of(delivery.message().lease()), NOW, 3));
        Delivery again = box.claimOne("FILE");
        assertThat(box.dispose(deletion(delivery))).extracting(DispositionResult::status)
                .containsExactly(StatusCode.LEASE_LOST);
        assertThat(box.dispose(suspension(delivery, "late", false))).extracting(DispositionResult::status)
                .containsExactly(StatusCode.LEASE_LOST);
        assertThat(box.stored(id).leaseToken()).isEqualTo(again.workItem().leaseToken());

        box.dispose(deletion(again));
        assertThat(box.dispose(deletion(again))).singleElement().satisfies(result -> {
            assertThat(result.status()).isEqualTo(StatusCode.LEASE_LOST);
            assertThat(result.detail()).contains("no longer exists");
        });
    }

    @Test
    @DisplayName("two dispositions of one delivery in a batch: the second fails with INVALID_ARGUMENT")
    void twiceInOneBatch() {
        box.publish(ready("orders", "FILE", 5, NOW));
        Delivery delivery = box.claimOne("FILE");

        List<DispositionResult> results = box.rolledBack(() -> box.dispositions.apply(
                List.of(deletion(delivery), suspension(delivery, "x", false)), SERVER, NOW));

        assertThat(results).extracting(DispositionResult::status).containsExactly(StatusCode.OK, StatusCode.INVALID_ARGUMENT);
    }

    @Test
    @DisplayName("all or nothing: one failed operation, the caller rolls back, and no delivery of the batch changed")
    void allOrNothing() {
        List<String> ids = box.publish(ready("orders", "FILE", 5, NOW), ready("audit", "FILE", 5, NOW));
        String stored = box.publish(largeMessage(100_000), ready("large", "FILE", 5, NOW)).workItemIds().get(0);
        List<Delivery> claimed = box.claim("FILE", 3);
        box.update("update cv_work_item set lease_owner = ? where id = ?", OTHER_SERVER, Long.parseLong(ids.get(1)));

        Delivery large = deliveryOf(claimed, stored);
        List<DispositionResult> results = box.rolledBack(() -> box.dispositions.apply(List.of(
                deletion(deliveryOf(claimed, ids.get(0))), deletion(deliveryOf(claimed, ids.get(1))),
                Disposition.resubmit(large.message().lease(), large.message().messageId(), NOW.plusSeconds(60), FAILURE,
                        null)), SERVER, NOW));

        assertThat(results).extracting(DispositionResult::status)
                .containsExactly(StatusCode.OK, StatusCode.LEASE_LOST, StatusCode.OK);
        for (String id : List.of(ids.get(0), ids.get(1), stored)) {
            assertThat(box.stored(id).state()).as(id).isEqualTo(WorkItemState.IN_PROCESS);
        }
        assertThat(box.stored(stored).retriesLeft()).isEqualTo(3);
    }

    @Test
    @DisplayName("applyEach applies the valid dispositions and reports the others")
    void applyEach() {
        List<String> ids = box.publish(ready("orders", "FILE", 5, NOW), ready("audit", "FILE", 5, NOW));
        List<Delivery> claimed = box.claim("FILE", 2);
        box.update("update cv_work_item set lease_owner = ? where id = ?", OTHER_SERVER, Long.parseLong(ids.get(1)));

        List<DispositionResult> results = box.inTransaction(() -> box.dispositions.applyEach(List.of(
                suspension(deliveryOf(claimed, ids.get(0)), "x", false),
                suspension(deliveryOf(claimed, ids.get(1)), "y", false)), SERVER, NOW));

        assertThat(results).extracting(DispositionResult::status).containsExactly(StatusCode.OK, StatusCode.LEASE_LOST);
        assertThat(box.stored(ids.get(0)).state()).isEqualTo(WorkItemState.SUSPENDED);
        assertThat(box.stored(ids.get(1)).state()).isEqualTo(WorkItemState.IN_PROCESS);
    }

    @Test
    @DisplayName("PropertiesToUpdate of a retry are merged into those the work item carries")
    void propertiesMerged() {
        String id = box.publish(ready("orders", "FILE", 5, NOW)).get(0);
        Delivery first = box.claimOne("FILE");
        box.dispose(Disposition.resubmit(first.message().lease(), first.message().messageId(), NOW, FAILURE, PROPERTIES));
        Delivery second = box.claimOne("FILE");
        String later = PropertiesToUpdate.write(List.of(new ContextProperty("Attempt", "urn:x", 3, false),
                new ContextProperty("Route", "urn:x", "b", false)));

        box.dispose(Disposition.resubmit(second.message().lease(), second.message().messageId(), NOW, FAILURE, later));

        assertThat(PropertiesToUpdate.parse(box.stored(id).propertiesToUpdate())).containsExactlyInAnyOrder(
                new ContextProperty("Attempt", "urn:x", 3, false), new ContextProperty("Route", "urn:x", "b", false));
        assertThat(box.stored(id).retriesLeft()).isEqualTo(1);
    }

    @Test
    @DisplayName("the maintained backlog counts equal the work items after every kind of disposition")
    void backlogCounts() {
        box.publishReady(5, "orders", "FILE");
        box.publish(largeMessage(100_000), ready("orders", "FILE", 5, NOW), ready("audit", "FILE", 5, NOW));
        List<Delivery> claimed = box.claim("FILE", 7);
        List<Delivery> orders = claimed.stream().filter(d -> d.workItem().portName().equals("orders")).toList();
        Delivery audit = claimed.stream().filter(d -> d.workItem().portName().equals("audit")).findFirst().orElseThrow();
        assertThat(orders).hasSize(6);
        box.dispose(deletion(orders.get(0)), deletion(orders.get(5)),
                Disposition.resubmit(orders.get(1).message().lease(), orders.get(1).message().messageId(), NOW, FAILURE, null),
                Disposition.moveToNextTransport(orders.get(2).message().lease(), orders.get(2).message().messageId(),
                        new Disposition.BackupTransport("SFTP", 1, 1), FAILURE, null),
                suspension(orders.get(3), "x", false), suspension(audit, "y", true));

        assertThat(box.queries.workItemCounts()).isEqualTo(box.realCounts()).isEqualTo(Map.of(
                "id-orders", Map.of(WorkItemState.READY, 2L, WorkItemState.IN_PROCESS, 1L, WorkItemState.SUSPENDED, 1L),
                "id-audit", Map.of(WorkItemState.SUSPENDED_NON_RESUMABLE, 1L)));
    }
}
