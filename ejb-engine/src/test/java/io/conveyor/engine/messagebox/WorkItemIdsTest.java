package io.conveyor.engine.messagebox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Work item identities taken from the MessageBox sequence a block at a time: consecutive and increasing on one server
 * across block boundaries, and never shared between two servers taking blocks from the same sequence.
 */
class WorkItemIdsTest {

    private final TestMessageBox box = new TestMessageBox();

    @AfterEach
    void close() throws Exception {
        box.close();
    }

    @Test
    @DisplayName("one server's identities are 1, 2, 3, ... without gap or repeat across three blocks")
    void increasingAcrossBlocks() {
        List<Long> taken = new ArrayList<>();
        for (int i = 0; i < 2 * WorkItemIds.BLOCK + 500; i++) {
            taken.add(Long.parseLong(box.ids.next()));
        }
        assertThat(taken).containsExactlyElementsOf(LongStream.rangeClosed(1, 2500).boxed().toList());
    }

    @Test
    @DisplayName("a second server's block starts after the blocks the first took; interleaved, they never collide")
    void disjointBetweenServers() {
        WorkItemIds other = new WorkItemIds();
        box.injectDataSource(other);
        List<String> first = new ArrayList<>();
        List<String> second = new ArrayList<>();
        for (int i = 0; i < 1500; i++) {
            first.add(box.ids.next());
            second.add(other.next());
        }
        // blocks taken in this order: 1 (first), 1001 (other), 2001 (first), 3001 (other)
        assertThat(first.get(0)).isEqualTo("1");
        assertThat(second.get(0)).isEqualTo("1001");
        assertThat(first.get(1000)).isEqualTo("2001");
        assertThat(second.get(1000)).isEqualTo("3001");
        assertThat(first).doesNotContainAnyElementsOf(second);
    }

    @Test
    @DisplayName("work items published one after another get increasing identities, lease tokens from the same sequence")
    void publicationOrder() {
        List<String> published = box.publishReady(3, "orders", "FILE");
        MessageStore.Written handedOff = box.publish(TestMessageBox.smallMessage("x"),
                TestMessageBox.handedOff("audit", "FILE"));

        assertThat(published).containsExactly("1", "2", "3");
        assertThat(handedOff.workItemIds()).containsExactly("4");
        assertThat(handedOff.leaseToken()).isEqualTo("5");
    }
}
