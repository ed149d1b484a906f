package io.conveyor.kit;

import static org.assertj.core.api.Assertions.assertThat;

import io.conveyor.kit.testing.RecordingProxy;
import io.conveyor.kit.testing.TestMessage;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The kit's outcome reporting when the engine refuses a batch (contract §1.5, L16). */
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
}
