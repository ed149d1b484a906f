package io.conveyor.engine.messagebox;

import static io.conveyor.engine.messagebox.TestMessageBox.LEASE;
import static io.conveyor.engine.messagebox.TestMessageBox.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import io.conveyor.engine.runtime.EngineClock;
import io.conveyor.engine.runtime.EngineSettings;
import io.conveyor.engine.runtime.ServerIdentity;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * What this server holds ({@link LeaseKeeper}, over {@link LeaseStore}): the in-flight count per adapter follows holds
 * and releases; renewal extends the MessageBox leases of what is held by one lease duration from the engine's time,
 * except a delivery held longer than the maximum hold time, which is let go (its lease then runs out). Time is moved
 * with {@link EngineClock#advance}, never waited for; default settings (lease 300 s, maximum hold 60 minutes).
 */
class LeaseKeeperTest {

    private final TestMessageBox box = new TestMessageBox();
    private final LeaseKeeper keeper = new LeaseKeeper();

    LeaseKeeperTest() {
        keeper.store = box.leases;
        keeper.clock = new EngineClock();
        keeper.settings = new EngineSettings();
        keeper.server = new ServerIdentity();
    }

    @AfterEach
    void close() throws Exception {
        box.close();
    }

    private List<String> claimForThisServer(int count) {
        box.publishReady(count, "orders", "FILE");
        return TestMessageBox.idsOf(box.inTransaction(
                () -> box.claims.claim("FILE", count, keeper.server.id(), NOW, NOW.plus(LEASE))));
    }

    @Test
    @DisplayName("the in-flight count per adapter follows holds, releases and a terminated adapter")
    void inFlight() {
        keeper.hold("FILE", List.of("1", "2", "3"));
        keeper.hold("http", List.of("4"));

        assertThat(keeper.inFlight("file")).isEqualTo(3);
        keeper.release(List.of("2", "4"));
        assertThat(keeper.inFlight("FILE")).isEqualTo(2);
        assertThat(keeper.inFlight("HTTP")).isZero();
        keeper.forget("File");
        assertThat(keeper.inFlight("FILE")).isZero();
    }

    @Test
    @DisplayName("renewal extends the leases of what is held to the engine's time plus one lease duration")
    void renew() {
        List<String> held = claimForThisServer(2);
        keeper.hold("FILE", held.subList(0, 1));

        Instant before = keeper.clock.instant();
        keeper.renew();
        Instant after = keeper.clock.instant();

        assertThat(box.stored(held.get(0)).leaseExpiresAt()).isBetween(before.plus(keeper.settings.leaseDuration()),
                after.plus(keeper.settings.leaseDuration()));
        assertThat(box.stored(held.get(1)).leaseExpiresAt()).as("not held: not renewed").isEqualTo(NOW.plus(LEASE));
    }

    @Test
    @DisplayName("a delivery held longer than the maximum hold time is no longer renewed nor counted in flight")
    void maxHold() {
        List<String> held = claimForThisServer(2);
        keeper.hold("FILE", held.subList(0, 1));
        keeper.clock.advance(keeper.settings.maxHold().plus(Duration.ofMinutes(1)));
        keeper.hold("FILE", held.subList(1, 2));

        Instant before = keeper.clock.instant();
        keeper.renew();

        assertThat(keeper.inFlight("FILE")).isEqualTo(1);
        assertThat(box.stored(held.get(0)).leaseExpiresAt()).isEqualTo(NOW.plus(LEASE));
        assertThat(box.stored(held.get(1)).leaseExpiresAt()).isAfterOrEqualTo(before.plus(keeper.settings.leaseDuration()));
    }
}
