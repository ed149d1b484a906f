package io.conveyor.kit;

import static org.assertj.core.api.Assertions.assertThat;

import io.conveyor.adapter.StatusCode;
import io.conveyor.kit.testing.RecordedBatch;
import io.conveyor.kit.testing.RecordingProxy;
import io.conveyor.kit.testing.TestMessage;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The kit's outcome reporting when the engine refuses a batch (contract §1.5, L16), and what runs once it is settled. */
class OutcomeBatchTest {

    @Test
    @DisplayName("L16 when the proxy batch's Done throws, no callback will come: the in-flight count is decremented all the same")
    void doneThrowingReleasesInFlight() {
        RecordingProxy proxy = RecordingProxy.refusingDone();
        InFlightCounter inFlight = new InFlightCounter();
        inFlight.enter();
        inFlight.enter();

        new OutcomeBatch(proxy, inFlight, Clock.systemUTC())
                .delivered(new TestMessage("m1", ""))
                .failed(new TestMessage("m2", ""), new IllegalStateException("endpoint down"))
                .send();

        assertThat(inFlight.count()).isZero();
        assertThat(inFlight.terminate(Duration.ofMillis(1))).isTrue();
        assertThat(proxy.errors).singleElement().satisfies(e -> assertThat(e.getMessage()).contains("2 message(s)"));
    }

    @Test
    @DisplayName("whenSettled runs once the engine applied the batch, before the last message leaves the in-flight count")
    void settledActionRunsAfterAcknowledgement() throws Exception {
        RecordingProxy proxy = RecordingProxy.manual();
        InFlightCounter inFlight = new InFlightCounter();
        inFlight.enter();
        inFlight.enter();
        List<Long> inFlightWhenRun = new CopyOnWriteArrayList<>();

        new OutcomeBatch(proxy, inFlight, Clock.systemUTC())
                .delivered(new TestMessage("m1", ""))
                .failed(new TestMessage("m2", ""), new IllegalStateException("endpoint down"))
                .whenSettled(() -> inFlightWhenRun.add(inFlight.count()))
                .send();
        RecordedBatch batch = proxy.next();
        assertThat(inFlightWhenRun).as("run while the batch is unanswered").isEmpty();

        batch.acknowledge();

        assertThat(inFlightWhenRun).containsExactly(1L);
        assertThat(inFlight.count()).isZero();
    }

    @Test
    @DisplayName("whenSettled waits for the batch issued again after the engine rejected one, and runs once")
    void settledActionWaitsForReissuedBatch() throws Exception {
        RecordingProxy proxy = RecordingProxy.manual();
        InFlightCounter inFlight = new InFlightCounter();
        inFlight.enter();
        inFlight.enter();
        TestMessage delivered = new TestMessage("m1", "");
        TestMessage failed = new TestMessage("m2", "");
        List<String> runs = new CopyOnWriteArrayList<>();

        new OutcomeBatch(proxy, inFlight, Clock.systemUTC())
                .delivered(delivered)
                .failed(failed, new IllegalStateException("endpoint down"))
                .whenSettled(() -> runs.add("settled"))
                .send();
        proxy.next().fail(Map.of(failed, StatusCode.RETRIES_EXHAUSTED));
        RecordedBatch again = proxy.next();
        assertThat(again.describe()).containsExactly("DELETE m1", "MOVE_TO_NEXT_TRANSPORT m2");
        assertThat(runs).isEmpty();

        again.acknowledge();

        assertThat(runs).containsExactly("settled");
        assertThat(inFlight.count()).isZero();
    }

    @Test
    @DisplayName("whenSettled runs when the outcomes are abandoned because the engine takes no batch")
    void settledActionRunsWhenAbandoned() {
        InFlightCounter inFlight = new InFlightCounter();
        inFlight.enter();
        List<String> runs = new CopyOnWriteArrayList<>();

        new OutcomeBatch(RecordingProxy.refusingDone(), inFlight, Clock.systemUTC())
                .delivered(new TestMessage("m1", ""))
                .whenSettled(() -> runs.add("settled"))
                .send();

        assertThat(runs).containsExactly("settled");
        assertThat(inFlight.count()).isZero();
    }
}
