package io.conveyor.engine.messagebox;

import static io.conveyor.engine.messagebox.TestMessageBox.NOW;
import static io.conveyor.engine.messagebox.TestMessageBox.deletion;
import static io.conveyor.engine.messagebox.TestMessageBox.ready;
import static io.conveyor.engine.messagebox.TestMessageBox.suspendedAtPublication;
import static io.conveyor.engine.messagebox.TestMessageBox.suspension;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Folding the backlog counts ({@link BacklogCompaction}): after any mix of publications, claims and dispositions, the
 * counts read after folding equal the work items counted one by one, with one row left per port and state that has
 * work (none for those that net to zero); changes committed while a fold runs are neither lost nor counted twice.
 */
class BacklogCompactionTest {

    private final TestMessageBox box = new TestMessageBox();

    @AfterEach
    void close() throws Exception {
        box.close();
    }

    private long deltaRows() {
        return box.count("select count(*) from cv_backlog_delta");
    }

    @Test
    @DisplayName("after folding, the counts equal the real counts, one row per port and state with work")
    void foldsToRealCounts() {
        box.publishReady(6, "orders", "FILE");
        box.publish(ready("audit", "FILE", 5, NOW), suspendedAtPublication("archive", "FILE", "stopped"));
        List<Delivery> claimed = box.claim("FILE", 5);
        box.dispose(deletion(claimed.get(0)), deletion(claimed.get(1)), suspension(claimed.get(2), "x", false));
        long before = deltaRows();

        int folded = box.compaction.compact();

        assertThat(folded).isEqualTo(before);
        Map<String, Map<WorkItemState, Long>> real = box.realCounts();
        assertThat(box.queries.workItemCounts()).isEqualTo(real);
        assertThat(deltaRows()).isEqualTo(real.values().stream().mapToLong(Map::size).sum());
        assertThat(real.values().stream().mapToLong(states -> states.values().stream().mapToLong(Long::longValue).sum())
                .sum()).isEqualTo(6);
    }

    @Test
    @DisplayName("counts that net to zero leave no row; fewer than two rows is nothing to fold")
    void netZeroLeavesNothing() {
        box.publishReady(3, "orders", "FILE");
        box.dispose(box.claim("FILE", 3).stream().map(TestMessageBox::deletion).toArray(Disposition[]::new));

        // three publications, one claim (out of READY, into IN_PROCESS), one deletion
        assertThat(deltaRows()).isEqualTo(6);
        assertThat(box.compaction.compact()).isEqualTo(6);
        assertThat(deltaRows()).isZero();
        assertThat(box.queries.workItemCounts()).isEmpty();
        assertThat(box.compaction.compact()).isZero();

        box.publishReady(1, "orders", "FILE");
        assertThat(box.compaction.compact()).isZero();
        assertThat(box.queries.workItemCounts()).isEqualTo(Map.of("id-orders", Map.of(WorkItemState.READY, 1L)));
    }

    @Test
    @DisplayName("folding again changes nothing, and later changes add to the folded counts")
    void foldTwice() {
        box.publishReady(4, "orders", "FILE");
        box.compaction.compact();
        box.claim("FILE", 1);
        box.compaction.compact();
        box.publishReady(2, "orders", "FILE");

        assertThat(box.queries.workItemCounts()).isEqualTo(box.realCounts())
                .isEqualTo(Map.of("id-orders", Map.of(WorkItemState.READY, 5L, WorkItemState.IN_PROCESS, 1L)));
    }

    @Test
    @DisplayName("a publication still uncommitted while a fold runs is neither folded away nor lost")
    void concurrentPublication() throws Exception {
        box.publishReady(3, "orders", "FILE");
        box.claim("FILE", 1);
        CountDownLatch written = new CountDownLatch(1);
        CountDownLatch folded = new CountDownLatch(1);

        CompletableFuture<List<String>> publication = CompletableFuture.supplyAsync(() -> box.inTransaction(() -> {
            List<String> ids = box.publishReady(2, "orders", "FILE");
            written.countDown();
            assertThat(folded.await(10, TimeUnit.SECONDS)).isTrue();
            return ids;
        }));
        assertThat(written.await(10, TimeUnit.SECONDS)).isTrue();
        int rows = box.compaction.compact();
        folded.countDown();
        publication.get(10, TimeUnit.SECONDS);

        assertThat(rows).as("the committed rows only: three publications, one claim").isEqualTo(5);
        assertThat(box.queries.workItemCounts()).isEqualTo(box.realCounts())
                .isEqualTo(Map.of("id-orders", Map.of(WorkItemState.READY, 4L, WorkItemState.IN_PROCESS, 1L)));
        box.compaction.compact();
        assertThat(box.queries.workItemCounts()).isEqualTo(box.realCounts());
    }

    @Test
    @DisplayName("a backlog of changes larger than one fold is folded in rounds; the rows beyond a round stay counted")
    void foldsInRounds() {
        box.update("insert into cv_backlog_delta (port_id, state, delta) select 'id-orders', 'READY', 1 "
                + "from system_range(1, 10050)");

        assertThat(box.compaction.compact()).isEqualTo(10_000);
        assertThat(deltaRows()).isEqualTo(51);
        assertThat(box.queries.workItemCounts()).isEqualTo(Map.of("id-orders", Map.of(WorkItemState.READY, 10_050L)));
        assertThat(box.compaction.compact()).isEqualTo(51);
        assertThat(deltaRows()).isEqualTo(1);
        assertThat(box.queries.workItemCounts()).isEqualTo(Map.of("id-orders", Map.of(WorkItemState.READY, 10_050L)));
    }
}
