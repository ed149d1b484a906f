package io.conveyor.engine.messagebox;

import static io.conveyor.engine.messagebox.TestMessageBox.LEASE;
import static io.conveyor.engine.messagebox.TestMessageBox.NOW;
import static io.conveyor.engine.messagebox.TestMessageBox.OTHER_SERVER;
import static io.conveyor.engine.messagebox.TestMessageBox.SERVER;
import static io.conveyor.engine.messagebox.TestMessageBox.deletion;
import static io.conveyor.engine.messagebox.TestMessageBox.deliveryOf;
import static io.conveyor.engine.messagebox.TestMessageBox.idsOf;
import static io.conveyor.engine.messagebox.TestMessageBox.ready;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Leases ({@link LeaseStore}): what a server holds is listed by owner; at restart its old deliveries are taken back
 * (ready again, attempt not consumed, counted as interrupted) and only those under the leases it names; a delivery
 * interrupted too often is suspended instead; expired leases are taken back whoever held them; a row locked by another
 * transaction is skipped and reported, not waited for; renewal extends only this server's leases.
 */
class LeaseStoreTest {

    private final TestMessageBox box = new TestMessageBox();

    @AfterEach
    void close() throws Exception {
        box.close();
    }

    @Test
    @DisplayName("heldBy lists exactly the deliveries in process under the owner's leases")
    void heldBy() {
        box.publishReady(3, "orders", "FILE");
        List<Delivery> mine = box.claim("FILE", 2);
        box.publish(ready("partner", "HTTP", 5, NOW));
        box.inTransaction(() -> box.claims.claim("HTTP", 1, OTHER_SERVER, NOW, NOW.plus(LEASE)));

        assertThat(box.leases.heldBy(SERVER)).containsExactlyInAnyOrderElementsOf(
                mine.stream().map(delivery -> delivery.message().lease()).toList());
        assertThat(box.leases.heldBy(OTHER_SERVER)).hasSize(1);
        assertThat(box.leases.heldBy("server-3")).isEmpty();
    }

    @Test
    @DisplayName("at restart, the deliveries of the earlier run are ready again and can be claimed, attempts not consumed")
    void recoverAtRestart() {
        List<String> published = box.publishReady(3, "orders", "FILE");
        List<Delivery> claimed = box.claim("FILE", 3);
        box.dispose(deletion(deliveryOf(claimed, published.get(2))));

        LeaseStore.Recovery recovery = box.inTransaction(() -> box.leases.recover(box.leases.heldBy(SERVER), NOW, 3));

        assertThat(recovery.queued()).isEqualTo(2);
        assertThat(recovery.suspended()).isZero();
        assertThat(recovery.locked()).isEmpty();
        for (String id : published.subList(0, 2)) {
            WorkItem item = box.stored(id);
            assertThat(item.state()).isEqualTo(WorkItemState.READY);
            assertThat(item.leaseOwner()).isNull();
            assertThat(item.leaseToken()).isNull();
            assertThat(item.leaseExpiresAt()).isNull();
            assertThat(item.retriesLeft()).isEqualTo(3);
            assertThat(box.column(id, "interrupted_deliveries")).isEqualTo(1);
        }
        assertThat(idsOf(box.claim("FILE", 10))).containsExactlyInAnyOrderElementsOf(published.subList(0, 2));
        assertThat(box.queries.workItemCounts()).isEqualTo(box.realCounts());
    }

    @Test
    @DisplayName("recovery takes back only what is still under the named leases: not a newer claim, not another server's")
    void recoverOnlyNamedLeases() {
        List<String> published = box.publishReady(2, "orders", "FILE");
        Delivery old = box.claim("FILE", 1).get(0);
        List<EngineMessage.Lease> earlierRun = List.of(old.message().lease());
        box.inTransaction(() -> box.leases.recover(earlierRun, NOW, 3));
        Delivery newer = deliveryOf(box.claim("FILE", 2), old.workItem().id());
        String others = published.get(0).equals(old.workItem().id()) ? published.get(1) : published.get(0);
        box.update("update cv_work_item set lease_owner = ? where id = ?", OTHER_SERVER, Long.parseLong(others));

        LeaseStore.Recovery recovery = box.inTransaction(() -> box.leases.recover(earlierRun, NOW, 3));

        assertThat(recovery.queued()).isZero();
        assertThat(box.stored(old.workItem().id()).state()).isEqualTo(WorkItemState.IN_PROCESS);
        assertThat(box.stored(old.workItem().id()).leaseToken()).isEqualTo(newer.workItem().leaseToken());
        assertThat(box.stored(others).state()).isEqualTo(WorkItemState.IN_PROCESS);
    }

    @Test
    @DisplayName("a delivery interrupted the maximum number of times in a row is suspended with the reason")
    void suspendedAfterTooManyInterruptions() {
        String id = box.publish(ready("orders", "FILE", 5, NOW)).get(0);
        for (int interruption = 1; interruption <= 2; interruption++) {
            box.claimOne("FILE");
            LeaseStore.Recovery recovery = box.inTransaction(() -> box.leases.recover(box.leases.heldBy(SERVER), NOW, 3));
            assertThat(recovery.queued()).as("interruption " + interruption).isEqualTo(1);
        }
        box.claimOne("FILE");

        LeaseStore.Recovery third = box.inTransaction(() -> box.leases.recover(box.leases.heldBy(SERVER), NOW, 3));

        assertThat(third.queued()).isZero();
        assertThat(third.suspended()).isEqualTo(1);
        WorkItem item = box.stored(id);
        assertThat(item.state()).isEqualTo(WorkItemState.SUSPENDED);
        assertThat(item.suspendedAt()).isEqualTo(NOW);
        assertThat(item.errorText()).startsWith("delivery interrupted 3 times in a row");
        assertThat(item.errorAdapter()).isEqualTo("FILE");
        assertThat(item.leaseOwner()).isNull();
        assertThat(box.queries.workItemCounts()).isEqualTo(box.realCounts());
    }

    @Test
    @DisplayName("an outcome between interruptions starts the count again")
    void outcomeResetsInterruptions() {
        String id = box.publish(ready("orders", "FILE", 5, NOW)).get(0);
        box.claimOne("FILE");
        box.inTransaction(() -> box.leases.recover(box.leases.heldBy(SERVER), NOW, 2));
        Delivery delivery = box.claimOne("FILE");
        box.dispose(Disposition.resubmit(delivery.message().lease(), delivery.message().messageId(), NOW, null, null));
        box.claimOne("FILE");

        LeaseStore.Recovery recovery = box.inTransaction(() -> box.leases.recover(box.leases.heldBy(SERVER), NOW, 2));

        assertThat(recovery.queued()).isEqualTo(1);
        assertThat(box.stored(id).state()).isEqualTo(WorkItemState.READY);
    }

    @Test
    @DisplayName("a delivery locked by another transaction is skipped and reported, not waited for; taken back later")
    void lockedRowsSkipped() throws Exception {
        List<String> published = box.publishReady(2, "orders", "FILE");
        List<Delivery> claimed = box.claim("FILE", 2);
        Delivery locked = deliveryOf(claimed, published.get(0));

        LeaseStore.Recovery recovery;
        try (Connection prepared = box.lockElsewhere(published.get(0))) {
            recovery = box.inTransaction(() -> box.leases.recover(box.leases.heldBy(SERVER), NOW, 3));
        }

        assertThat(recovery.queued()).isEqualTo(1);
        assertThat(recovery.locked()).containsExactly(locked.message().lease());
        assertThat(box.stored(published.get(0)).state()).isEqualTo(WorkItemState.IN_PROCESS);
        assertThat(box.stored(published.get(1)).state()).isEqualTo(WorkItemState.READY);

        LeaseStore.Recovery later = box.inTransaction(() -> box.leases.recover(recovery.locked(), NOW, 3));
        assertThat(later.queued()).isEqualTo(1);
        assertThat(later.locked()).isEmpty();
        assertThat(box.stored(published.get(0)).state()).isEqualTo(WorkItemState.READY);
    }

    @Test
    @DisplayName("expired leases are taken back whoever held them; live ones stay")
    void recoverExpired() {
        List<String> published = box.publishReady(3, "orders", "FILE");
        Instant early = NOW.plus(Duration.ofMinutes(1));
        Delivery mine = box.claim("FILE", 1).get(0);
        Delivery theirs = box.inTransaction(() -> box.claims.claim("FILE", 1, OTHER_SERVER, NOW, early)).get(0);
        Delivery live = box.inTransaction(() -> box.claims.claim("FILE", 1, OTHER_SERVER, NOW, NOW.plus(Duration.ofHours(1))))
                .get(0);
        assertThat(idsOf(List.of(mine, theirs, live))).containsExactlyInAnyOrderElementsOf(published);

        LeaseStore.Recovery atLeaseEnd = box.inTransaction(() -> box.leases.recoverExpired(NOW.plus(LEASE), 3));
        assertThat(atLeaseEnd.queued()).as("only the lease that ended before then")
                .isEqualTo(1);
        assertThat(box.stored(theirs.workItem().id()).state()).isEqualTo(WorkItemState.READY);

        LeaseStore.Recovery after = box.inTransaction(() -> box.leases.recoverExpired(NOW.plus(LEASE).plusMillis(1), 3));
        assertThat(after.queued()).isEqualTo(1);
        assertThat(box.stored(mine.workItem().id()).state()).isEqualTo(WorkItemState.READY);
        assertThat(box.stored(live.workItem().id()).state()).isEqualTo(WorkItemState.IN_PROCESS);
        assertThat(box.queries.workItemCounts()).isEqualTo(box.realCounts());
    }

    @Test
    @DisplayName("renewal extends this server's leases only, and they then outlive the old expiry")
    void renew() {
        List<String> published = box.publishReady(2, "orders", "FILE");
        Delivery mine = box.claim("FILE", 1).get(0);
        Delivery theirs = box.inTransaction(() -> box.claims.claim("FILE", 1, OTHER_SERVER, NOW, NOW.plus(LEASE))).get(0);
        Instant extended = NOW.plus(LEASE).plus(LEASE);

        box.inTransaction(() -> {
            box.leases.renew(SERVER, published, extended);
            return null;
        });

        assertThat(box.stored(mine.workItem().id()).leaseExpiresAt()).isEqualTo(extended);
        assertThat(box.stored(theirs.workItem().id()).leaseExpiresAt()).isEqualTo(NOW.plus(LEASE));
        box.inTransaction(() -> box.leases.recoverExpired(NOW.plus(LEASE).plusSeconds(1), 3));
        assertThat(box.stored(mine.workItem().id()).state()).isEqualTo(WorkItemState.IN_PROCESS);
        assertThat(box.stored(theirs.workItem().id()).state()).isEqualTo(WorkItemState.READY);
    }
}
