package io.conveyor.engine.messagebox;

import static io.conveyor.engine.messagebox.TestMessageBox.LEASE;
import static io.conveyor.engine.messagebox.TestMessageBox.NOW;
import static io.conveyor.engine.messagebox.TestMessageBox.OTHER_SERVER;
import static io.conveyor.engine.messagebox.TestMessageBox.SERVER;
import static io.conveyor.engine.messagebox.TestMessageBox.deletion;
import static io.conveyor.engine.messagebox.TestMessageBox.idsOf;
import static io.conveyor.engine.messagebox.TestMessageBox.largeMessage;
import static io.conveyor.engine.messagebox.TestMessageBox.ordered;
import static io.conveyor.engine.messagebox.TestMessageBox.pattern;
import static io.conveyor.engine.messagebox.TestMessageBox.ready;
import static io.conveyor.engine.messagebox.TestMessageBox.smallMessage;
import static io.conveyor.engine.messagebox.TestMessageBox.suspension;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Claims ({@link ClaimStore}): a due work item is claimed once and only once, even by two claims racing for it; at most
 * the number asked, only the adapter's, only what is due, highest priority first then earliest due; of an ordered port
 * only the head, and only once nothing earlier holds it back; a claim comes with its message; a release or reassignment
 * makes the item ready again without consuming an attempt, and only under the claim's own lease.
 */
class ClaimStoreTest {

    private final TestMessageBox box = new TestMessageBox();

    @AfterEach
    void close() throws Exception {
        box.close();
    }

    @Test
    @DisplayName("each due item is claimed exactly once: later claims get the rest, then nothing")
    void claimedOnce() {
        List<String> published = box.publishReady(5, "orders", "FILE");

        List<Delivery> first = box.claim("FILE", 3);
        List<Delivery> second = box.claim("FILE", 10);
        List<Delivery> third = box.claim("FILE", 10);

        assertThat(first).hasSize(3);
        assertThat(second).hasSize(2);
        assertThat(idsOf(first)).doesNotContainAnyElementsOf(idsOf(second));
        assertThat(concat(idsOf(first), idsOf(second))).containsExactlyInAnyOrderElementsOf(published);
        assertThat(third).isEmpty();
        WorkItem claimed = box.stored(first.get(0).workItem().id());
        assertThat(claimed.state()).isEqualTo(WorkItemState.IN_PROCESS);
        assertThat(claimed.leaseOwner()).isEqualTo(SERVER);
        assertThat(claimed.leaseExpiresAt()).isEqualTo(NOW.plus(LEASE));
        assertThat(claimed.attemptCount()).isEqualTo(1);
        assertThat(claimed.leaseToken()).isEqualTo(first.get(0).message().lease().token())
                .isNotEqualTo(second.get(0).message().lease().token());
    }

    @Test
    @DisplayName("a claim racing another server's uncommitted claim of the same items gets none of them")
    void racingClaims() throws Exception {
        List<String> published = box.publishReady(6, "orders", "FILE");
        List<Delivery> mine = new ArrayList<>();
        CompletableFuture<List<Delivery>> theirs = box.inTransaction(() -> {
            mine.addAll(box.claims.claim("FILE", 3, SERVER, NOW, NOW.plus(LEASE)));
            // the other server picks the same candidates (it cannot see this uncommitted claim) and waits for their locks
            CompletableFuture<List<Delivery>> other = CompletableFuture.supplyAsync(
                    () -> box.claims.claim("FILE", 3, OTHER_SERVER, NOW, NOW.plus(LEASE)));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            boolean waiting = false;
            while (!waiting && !other.isDone() && System.nanoTime() < deadline) {
                waiting = box.someoneWaitsForALock();
            }
            assertThat(waiting).as("the other claim waits for this one's locks").isTrue();
            return other;
        });
        List<Delivery> late = theirs.get(10, TimeUnit.SECONDS);
        List<Delivery> next = box.claim("FILE", 10);

        assertThat(mine).hasSize(3);
        assertThat(idsOf(late)).doesNotContainAnyElementsOf(idsOf(mine));
        assertThat(late).as("its candidates were all taken: skipped, not claimed again").isEmpty();
        assertThat(concat(idsOf(mine), idsOf(late), idsOf(next))).as("every item claimed once")
                .containsExactlyInAnyOrderElementsOf(published);
        assertThat(idsOf(mine)).allSatisfy(id -> assertThat(box.stored(id).leaseOwner()).isEqualTo(SERVER));
    }

    @Test
    @DisplayName("only what is due is claimed; an item becomes claimable at its due time")
    void dueTime() {
        Instant later = NOW.plus(Duration.ofMinutes(5));
        String dueNow = box.publish(ready("orders", "FILE", 5, NOW)).get(0);
        String dueLater = box.publish(ready("orders", "FILE", 5, later)).get(0);

        assertThat(idsOf(box.claim("FILE", 10))).containsExactly(dueNow);
        assertThat(box.claims.hasDueWork("FILE", later.minusMillis(1))).isFalse();
        assertThat(box.claim("FILE", 10, later.minusMillis(1))).isEmpty();
        assertThat(box.claims.hasDueWork("FILE", later)).isTrue();
        assertThat(idsOf(box.claim("FILE", 10, later))).containsExactly(dueLater);
    }

    @Test
    @DisplayName("higher priority first, whatever the due time; within a priority, the earliest due first")
    void priorityThenDueTime() {
        String lowEarly = box.publish(ready("bulk", "FILE", 9, NOW.minusSeconds(60))).get(0);
        String highLate = box.publish(ready("urgent", "FILE", 1, NOW)).get(0);
        String midLate = box.publish(ready("normal", "FILE", 5, NOW)).get(0);
        String midEarly = box.publish(ready("normal", "FILE", 5, NOW.minusSeconds(30))).get(0);

        assertThat(idsOf(box.claim("FILE", 3))).containsExactly(highLate, midEarly, midLate);
        assertThat(idsOf(box.claim("FILE", 3))).containsExactly(lowEarly);
    }

    @Test
    @DisplayName("a claim returns at most the number asked, and only the adapter's work")
    void maxAndAdapter() {
        box.publishReady(4, "orders", "FILE");
        List<String> http = box.publishReady(2, "partner", "HTTP");

        assertThat(box.claim("FILE", 2)).hasSize(2);
        assertThat(box.claim("FILE", 1)).hasSize(1);
        assertThat(idsOf(box.claim("HTTP", 10))).containsExactlyElementsOf(http);
        assertThat(box.claim("SFTP", 10)).isEmpty();
        assertThat(box.claims.hasDueWork("SFTP", NOW)).isFalse();
    }

    @Test
    @DisplayName("an ordered port gives only its head, and the next once the head is delivered")
    void orderedHeadOnly() {
        List<String> port = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            port.addAll(box.publish(ordered("ledger", "FILE")));
        }
        String unordered = box.publish(ready("orders", "FILE", 5, NOW)).get(0);

        List<Delivery> first = box.claim("FILE", 10);
        assertThat(idsOf(first)).containsExactlyInAnyOrder(unordered, port.get(0));
        assertThat(box.claim("FILE", 10)).as("nothing of the port while its head is in process").isEmpty();

        Delivery head = first.stream().filter(d -> d.workItem().id().equals(port.get(0))).findFirst().orElseThrow();
        assertThat(box.dispose(deletion(head))).allSatisfy(r -> assertThat(r.status().isSuccess()).isTrue());
        assertThat(idsOf(box.claim("FILE", 10))).containsExactly(port.get(1));
    }

    @Test
    @DisplayName("an ordered port is held back by an earlier item suspended resumable, not by one suspended non-resumable")
    void orderedHeldBySuspension() {
        String a = box.publish(ordered("ledger", "FILE")).get(0);
        String b = box.publish(ordered("ledger", "FILE")).get(0);
        String c = box.publish(ordered("ledger", "FILE")).get(0);

        box.dispose(suspension(box.claimOne("FILE"), "HTTP 500", false));
        assertThat(box.stored(a).state()).isEqualTo(WorkItemState.SUSPENDED);
        assertThat(box.claim("FILE", 10)).as("held back by the resumable suspension of " + a).isEmpty();

        box.update("update cv_work_item set state = 'SUSPENDED_NON_RESUMABLE' where id = ?", Long.parseLong(a));
        Delivery second = box.claimOne("FILE");
        assertThat(second.workItem().id()).isEqualTo(b);
        box.dispose(suspension(second, "bad message", true));
        assertThat(idsOf(box.claim("FILE", 10))).containsExactly(c);
    }

    @Test
    @DisplayName("a claimed inline message comes with its context and body")
    void inlineMessageLoaded() throws Exception {
        EngineMessage published = smallMessage("order-7");
        box.publish(published, ready("orders", "FILE", 5, NOW));

        Delivery delivery = box.claimOne("FILE");

        EngineMessage message = delivery.message();
        assertThat(message.messageId()).isEqualTo(published.messageId());
        assertThat(message.context().read("OrderNo", "urn:test")).isEqualTo("order-7");
        assertThat(message.bodyPartName()).isEqualTo("body");
        assertThat(message.bodyPart().contentType()).isEqualTo("text/plain");
        try (InputStream body = message.bodyPart().openStream()) {
            assertThat(body.readAllBytes()).asString(StandardCharsets.UTF_8).isEqualTo("order-7");
        }
        assertThat(message.lease()).isEqualTo(new EngineMessage.Lease(delivery.workItem().id(),
                delivery.workItem().leaseToken(), "id-orders"));
    }

    @Test
    @DisplayName("a claimed stored message comes with all its parts, a large body streamed from its chunks")
    void storedMessageLoaded() throws Exception {
        int size = MessageWriter.CHUNK_SIZE * 2 + 17;
        EngineMessage published = largeMessage(size);
        published.addPart("note", ContentPart.of("see attachment".getBytes(StandardCharsets.UTF_8), "text/plain", "UTF-8"), false);
        box.publish(published, ready("orders", "FILE", 5, NOW));

        EngineMessage message = box.claimOne("FILE").message();

        assertThat(message.partNames()).containsExactly("body", "note");
        assertThat(message.bodyPart().size()).hasValue(size);
        try (InputStream body = message.bodyPart().openStream(); InputStream note = message.part("note").openStream()) {
            assertThat(body.readAllBytes()).isEqualTo(pattern(size));
            assertThat(note.readAllBytes()).asString(StandardCharsets.UTF_8).isEqualTo("see attachment");
        }
    }

    @Test
    @DisplayName("a released delivery is ready again at the given time, its attempt not consumed; a stale lease releases nothing")
    void release() {
        String id = box.publish(ready("orders", "FILE", 5, NOW)).get(0);
        Delivery delivery = box.claimOne("FILE");
        Instant opening = NOW.plus(Duration.ofHours(1));

        box.inTransaction(() -> {
            box.claims.release(List.of(delivery), opening, true);
            return null;
        });

        WorkItem item = box.stored(id);
        assertThat(item.state()).isEqualTo(WorkItemState.READY);
        assertThat(item.nextAttemptAt()).isEqualTo(opening);
        assertThat(item.attemptCount()).isZero();
        assertThat(item.leaseOwner()).isNull();
        assertThat(item.leaseToken()).isNull();
        assertThat(box.column(id, "window_hold")).isEqualTo(true);

        Delivery again = box.claim("FILE", 1, opening).get(0);
        box.inTransaction(() -> {
            box.claims.release(List.of(delivery), NOW, false);
            return null;
        });
        assertThat(box.stored(id).state()).as("the old claim's lease no longer holds it").isEqualTo(WorkItemState.IN_PROCESS);
        assertThat(box.stored(id).leaseToken()).isEqualTo(again.workItem().leaseToken());
        assertThat(box.queries.workItemCounts()).isEqualTo(box.realCounts());
    }

    @Test
    @DisplayName("a reassigned delivery is ready at once for the other adapter, its attempt not consumed")
    void reassign() {
        String id = box.publish(ready("orders", "FILE", 5, NOW)).get(0);
        Delivery delivery = box.claimOne("FILE");
        Instant later = NOW.plusSeconds(10);

        box.inTransaction(() -> {
            box.claims.reassign(delivery, "SFTP", later);
            return null;
        });

        WorkItem item = box.stored(id);
        assertThat(item.state()).isEqualTo(WorkItemState.READY);
        assertThat(item.adapterType()).isEqualTo("SFTP");
        assertThat(item.nextAttemptAt()).isEqualTo(later);
        assertThat(item.attemptCount()).isZero();
        assertThat(box.claim("FILE", 10, later)).isEmpty();
        assertThat(idsOf(box.claim("SFTP", 10, later))).containsExactly(id);
    }

    @SafeVarargs
    private static List<String> concat(List<String>... lists) {
        List<String> all = new ArrayList<>();
        for (List<String> list : lists) {
            all.addAll(list);
        }
        return all;
    }

    @Test
    @DisplayName("the maintained backlog counts follow claims")
    void backlogCounts() {
        box.publishReady(5, "orders", "FILE");
        box.claim("FILE", 2);

        assertThat(box.queries.workItemCounts()).isEqualTo(box.realCounts()).containsEntry("id-orders",
                Map.of(WorkItemState.READY, 3L, WorkItemState.IN_PROCESS, 2L));
    }
}
