package io.conveyor.engine.messagebox;

import static io.conveyor.engine.messagebox.TestMessageBox.LEASE;
import static io.conveyor.engine.messagebox.TestMessageBox.NOW;
import static io.conveyor.engine.messagebox.TestMessageBox.OTHER_SERVER;
import static io.conveyor.engine.messagebox.TestMessageBox.SERVER;
import static io.conveyor.engine.messagebox.TestMessageBox.deletion;
import static io.conveyor.engine.messagebox.TestMessageBox.idsOf;
import static io.conveyor.engine.messagebox.TestMessageBox.ready;
import static io.conveyor.engine.messagebox.TestMessageBox.suspension;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.conveyor.adapter.StatusCode;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Membership ({@link ServerStore}): a server registers and heartbeats; a running server silent for longer than the
 * dead-after time, and only then, is declared dead by exactly one other server, which takes back the deliveries it
 * held; an outcome the dead server reports afterwards under its old lease is refused; a graceful stop is recorded and
 * never declared dead. Times are passed in (the engine clock in production): no sleeping.
 */
class ServerStoreTest {

    private static final Duration DEAD_AFTER = Duration.ofSeconds(30);
    private static final String THIRD_SERVER = "server-3";

    private final TestMessageBox box = new TestMessageBox();

    @AfterEach
    void close() throws Exception {
        box.close();
    }

    @Test
    @DisplayName("a server registers RUNNING, started and heard from now; a heartbeat moves only its last heartbeat")
    void registerAndHeartbeat() {
        box.servers.register(SERVER, NOW);
        assertThat(box.servers.members()).containsExactly(new ServerStore.Member(SERVER, ServerState.RUNNING, NOW, NOW, 0));

        Instant later = NOW.plusSeconds(5);
        assertThat(box.servers.heartbeat(SERVER, later)).isTrue();
        assertThat(box.servers.members()).containsExactly(new ServerStore.Member(SERVER, ServerState.RUNNING, NOW, later, 0));
        assertThat(box.servers.heartbeat(OTHER_SERVER, later)).as("a server never registered").isFalse();
        assertThat(box.servers.members()).hasSize(1);
    }

    @Test
    @DisplayName("members counts the work items each server holds in process, and only those")
    void holding() {
        box.publishReady(4, "orders", "FILE");
        box.servers.register(SERVER, NOW);
        box.servers.register(OTHER_SERVER, NOW);
        box.claim("FILE", 1);
        box.inTransaction(() -> box.claims.claim("FILE", 2, OTHER_SERVER, NOW, NOW.plus(LEASE)));

        assertThat(box.servers.members()).extracting(ServerStore.Member::id, ServerStore.Member::inProcess)
                .containsExactly(tuple(SERVER, 1L),
                        tuple(OTHER_SERVER, 2L));
    }

    @Test
    @DisplayName("a running server is declared dead once its heartbeat is older than the dead-after time, not before, and never by itself")
    void deadAfterTheTimeoutNotBefore() {
        box.servers.register(SERVER, NOW);
        box.servers.register(OTHER_SERVER, NOW);
        Instant deadline = NOW.plus(DEAD_AFTER);

        assertThat(box.servers.declareDead(SERVER, deadline, DEAD_AFTER, 3)).as("heard from exactly dead-after ago").isEmpty();
        assertThat(box.servers.declareDead(OTHER_SERVER, deadline.plusSeconds(60), DEAD_AFTER, 3))
                .extracting(ServerStore.Declared::serverId).as("the declarer itself is never declared")
                .containsExactly(SERVER);
        assertThat(box.servers.declareDead(SERVER, deadline.plusMillis(1), DEAD_AFTER, 3))
                .extracting(ServerStore.Declared::serverId).containsExactly(OTHER_SERVER);

        assertThat(box.servers.members()).extracting(ServerStore.Member::state)
                .containsExactly(ServerState.DEAD, ServerState.DEAD);
        assertThat(box.servers.declareDead(THIRD_SERVER, deadline.plusSeconds(600), DEAD_AFTER, 3))
                .as("a dead server is declared once").isEmpty();
    }

    @Test
    @DisplayName("a heartbeat keeps a server alive; a server declared dead learns it at its next heartbeat and registers again")
    void heartbeatKeepsAlive() {
        box.servers.register(OTHER_SERVER, NOW);
        Instant beat = NOW.plusSeconds(25);
        box.servers.heartbeat(OTHER_SERVER, beat);
        assertThat(box.servers.declareDead(SERVER, NOW.plusSeconds(40), DEAD_AFTER, 3)).isEmpty();

        assertThat(box.servers.declareDead(SERVER, beat.plus(DEAD_AFTER).plusMillis(1), DEAD_AFTER, 3)).hasSize(1);
        Instant back = beat.plusSeconds(120);
        assertThat(box.servers.heartbeat(OTHER_SERVER, back)).isFalse();
        assertThat(box.servers.members()).singleElement().extracting(ServerStore.Member::state).isEqualTo(ServerState.DEAD);

        box.servers.register(OTHER_SERVER, back);
        assertThat(box.servers.members()).containsExactly(
                new ServerStore.Member(OTHER_SERVER, ServerState.RUNNING, back, back, 0));
    }

    @Test
    @DisplayName("declaring a server dead takes back what it held at once, leases cleared, counted; other servers' work stays")
    void deadServersLeasesReleased() {
        List<String> published = box.publishReady(4, "orders", "FILE");
        box.servers.register(SERVER, NOW);
        box.servers.register(OTHER_SERVER, NOW);
        Delivery mine = box.claim("FILE", 1).get(0);
        List<Delivery> theirs = box.inTransaction(() -> box.claims.claim("FILE", 2, OTHER_SERVER, NOW,
                NOW.plus(Duration.ofHours(1))));
        Instant later = NOW.plus(DEAD_AFTER).plusSeconds(1);

        List<ServerStore.Declared> declared = box.inTransaction(() -> box.servers.declareDead(SERVER, later, DEAD_AFTER, 3));

        assertThat(declared).singleElement().satisfies(dead -> {
            assertThat(dead.serverId()).isEqualTo(OTHER_SERVER);
            assertThat(dead.recovery().queued()).isEqualTo(2);
            assertThat(dead.recovery().suspended()).isZero();
        });
        for (String id : idsOf(theirs)) {
            WorkItem item = box.stored(id);
            assertThat(item.state()).as("their leases had an hour to run").isEqualTo(WorkItemState.READY);
            assertThat(item.leaseOwner()).isNull();
            assertThat(item.leaseToken()).isNull();
            assertThat(item.leaseExpiresAt()).isNull();
            assertThat(box.column(id, "interrupted_deliveries")).isEqualTo(1);
        }
        assertThat(box.stored(mine.workItem().id()).state()).isEqualTo(WorkItemState.IN_PROCESS);
        assertThat(box.stored(mine.workItem().id()).leaseOwner()).isEqualTo(SERVER);
        assertThat(box.queries.workItemCounts()).isEqualTo(box.realCounts());
        assertThat(idsOf(box.claim("FILE", 10, later))).containsExactlyInAnyOrderElementsOf(
                published.stream().filter(id -> !id.equals(mine.workItem().id())).toList());
    }

    @Test
    @DisplayName("a dead server's delivery locked by an unfinished transaction is left to its lease; the rest is taken back")
    void lockedDeliveryLeftToItsLease() throws Exception {
        box.publishReady(2, "orders", "FILE");
        box.servers.register(OTHER_SERVER, NOW);
        List<Delivery> theirs = box.inTransaction(() -> box.claims.claim("FILE", 2, OTHER_SERVER, NOW, NOW.plus(LEASE)));
        String locked = theirs.get(0).workItem().id();

        List<ServerStore.Declared> declared;
        try (Connection prepared = box.lockElsewhere(locked)) {
            declared = box.inTransaction(() -> box.servers.declareDead(SERVER, NOW.plus(DEAD_AFTER).plusSeconds(1),
                    DEAD_AFTER, 3));
        }

        assertThat(declared).singleElement().extracting(dead -> dead.recovery().queued()).isEqualTo(1);
        assertThat(box.stored(locked).state()).isEqualTo(WorkItemState.IN_PROCESS);
        assertThat(box.stored(theirs.get(1).workItem().id()).state()).isEqualTo(WorkItemState.READY);
        assertThat(box.inTransaction(() -> box.leases.recoverExpired(NOW.plus(LEASE).plusMillis(1), 3)).queued())
                .as("its lease runs out as usual").isEqualTo(1);
    }

    @Test
    @DisplayName("two servers declaring the same silent server at once: exactly one wins and takes its deliveries back")
    void racingDeclarers() throws Exception {
        box.publishReady(3, "orders", "FILE");
        box.servers.register(OTHER_SERVER, NOW);
        box.inTransaction(() -> box.claims.claim("FILE", 3, OTHER_SERVER, NOW, NOW.plus(LEASE)));
        Instant later = NOW.plus(DEAD_AFTER).plusSeconds(1);

        List<ServerStore.Declared> first = new ArrayList<>();
        CompletableFuture<List<ServerStore.Declared>> second = box.inTransaction(() -> {
            first.addAll(box.servers.declareDead(SERVER, later, DEAD_AFTER, 3));
            // the third server saw OTHER_SERVER running (this declaration is uncommitted) and waits for its row lock
            CompletableFuture<List<ServerStore.Declared>> other = CompletableFuture.supplyAsync(
                    () -> box.inTransaction(() -> box.servers.declareDead(THIRD_SERVER, later, DEAD_AFTER, 3)));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            boolean waiting = false;
            while (!waiting && !other.isDone() && System.nanoTime() < deadline) {
                waiting = box.someoneWaitsForALock();
            }
            assertThat(waiting).as("the other declarer waits for this one's lock").isTrue();
            return other;
        });

        assertThat(first).singleElement().satisfies(dead -> {
            assertThat(dead.serverId()).isEqualTo(OTHER_SERVER);
            assertThat(dead.recovery().queued()).isEqualTo(3);
        });
        assertThat(second.get(10, TimeUnit.SECONDS)).as("the row was no longer RUNNING once it got the lock").isEmpty();
        assertThat(box.count("select count(*) from cv_work_item where state = 'READY'")).isEqualTo(3);
        assertThat(box.count("select sum(interrupted_deliveries) from cv_work_item")).as("taken back once").isEqualTo(3);
        assertThat(box.queries.workItemCounts()).isEqualTo(box.realCounts());
    }

    @Test
    @DisplayName("an outcome the dead server reports under its old lease is refused: before, and after, the work is claimed again")
    void staleDispositionRefused() {
        String id = box.publish(ready("orders", "FILE", 5, NOW)).get(0);
        box.servers.register(OTHER_SERVER, NOW);
        Delivery old = box.inTransaction(() -> box.claims.claim("FILE", 1, OTHER_SERVER, NOW, NOW.plus(LEASE))).get(0);
        Instant later = NOW.plus(DEAD_AFTER).plusSeconds(1);
        box.inTransaction(() -> box.servers.declareDead(SERVER, later, DEAD_AFTER, 3));

        assertThat(box.inTransaction(() -> box.dispositions.apply(List.of(deletion(old)), OTHER_SERVER, later)))
                .extracting(DispositionResult::status).as("released, not claimed yet").containsExactly(StatusCode.LEASE_LOST);
        assertThat(box.stored(id).state()).isEqualTo(WorkItemState.READY);

        box.servers.register(OTHER_SERVER, later);
        Delivery again = box.inTransaction(() -> box.claims.claim("FILE", 1, OTHER_SERVER, later, later.plus(LEASE)))
                .get(0);
        assertThat(box.inTransaction(() -> box.dispositions.apply(List.of(suspension(old, "late", false)), OTHER_SERVER,
                later))).extracting(DispositionResult::status).as("the same server, claimed again: a new lease token")
                .containsExactly(StatusCode.LEASE_LOST);
        assertThat(box.stored(id).state()).isEqualTo(WorkItemState.IN_PROCESS);
        assertThat(box.stored(id).leaseToken()).isEqualTo(again.workItem().leaseToken());
        assertThat(box.stored(id).attemptCount()).isEqualTo(2);
    }

    @Test
    @DisplayName("a graceful stop is recorded STOPPING then STOPPED, and a stopped server is never declared dead")
    void gracefulStop() {
        box.servers.register(OTHER_SERVER, NOW);
        Instant stopping = NOW.plusSeconds(3);
        box.servers.stop(OTHER_SERVER, ServerState.STOPPING, stopping);
        assertThat(box.servers.members()).containsExactly(
                new ServerStore.Member(OTHER_SERVER, ServerState.STOPPING, NOW, stopping, 0));
        assertThat(box.servers.heartbeat(OTHER_SERVER, stopping)).as("a stopping server is not running").isFalse();
        assertThat(box.servers.declareDead(SERVER, stopping.plusSeconds(600), DEAD_AFTER, 3)).isEmpty();

        box.servers.stop(OTHER_SERVER, ServerState.STOPPED, stopping.plusSeconds(1));
        assertThat(box.servers.members()).singleElement().extracting(ServerStore.Member::state)
                .isEqualTo(ServerState.STOPPED);
        assertThat(box.servers.declareDead(SERVER, stopping.plusSeconds(600), DEAD_AFTER, 3)).isEmpty();
        assertThatThrownBy(() -> box.servers.stop(OTHER_SERVER, ServerState.DEAD, NOW))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("STOPPING or STOPPED");
    }
}
