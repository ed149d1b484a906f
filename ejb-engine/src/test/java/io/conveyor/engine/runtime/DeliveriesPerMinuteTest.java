package io.conveyor.engine.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class DeliveriesPerMinuteTest {

    private static final Instant START = Instant.parse("2026-03-01T10:15:30Z");

    private final MovableClock clock = new MovableClock(START);
    private final DeliveriesPerMinute perMinute = new DeliveriesPerMinute(clock);

    @Test
    @DisplayName("starts empty: sixty minutes, the current one last, all zero, counting since its creation")
    void startsEmpty() {
        List<DeliveriesPerMinute.Minute> hour = perMinute.lastHour();
        assertThat(hour).hasSize(60);
        assertThat(hour.get(59).start()).isEqualTo(Instant.parse("2026-03-01T10:15:00Z"));
        assertThat(hour.get(0).start()).isEqualTo(Instant.parse("2026-03-01T09:16:00Z"));
        assertThat(hour).allMatch(minute -> minute.delivered() == 0 && minute.failed() == 0 && minute.suspended() == 0);
        assertThat(perMinute.countingSince()).isEqualTo(START);
    }

    @Test
    @DisplayName("each fact counts in the minute it happened; a new minute starts from zero")
    void countsPerMinute() {
        perMinute.delivered();
        perMinute.delivered();
        perMinute.failed(false);
        clock.advance(Duration.ofSeconds(30)); // 10:16:00, a new minute
        perMinute.failed(true);
        perMinute.suspended();
        perMinute.delivered();

        List<DeliveriesPerMinute.Minute> hour = perMinute.lastHour();
        assertThat(hour.get(58)).isEqualTo(minute("10:15", 2, 1, 0));
        assertThat(hour.get(59)).isEqualTo(minute("10:16", 1, 1, 2));
    }

    @Test
    @DisplayName("a minute leaves the window an hour later, and its slot, reused, starts from zero")
    void hourWindow() {
        perMinute.delivered();
        clock.advance(Duration.ofMinutes(59));
        assertThat(perMinute.lastHour().get(0)).isEqualTo(minute("10:15", 1, 0, 0));

        clock.advance(Duration.ofMinutes(1)); // 11:15:30: 10:15 is out of the window
        assertThat(perMinute.lastHour()).allMatch(minute -> minute.delivered() == 0);
        perMinute.failed(false); // the same slot as 10:15
        assertThat(perMinute.lastHour().get(59)).isEqualTo(minute("11:15", 0, 1, 0));
        assertThat(perMinute.lastHour().stream().mapToLong(DeliveriesPerMinute.Minute::delivered).sum()).isZero();
    }

    @Test
    @DisplayName("after hours without a fact, the window shows nothing of what was counted before")
    void longSilence() {
        perMinute.delivered();
        clock.advance(Duration.ofHours(5));
        assertThat(perMinute.lastHour()).allMatch(minute -> minute.delivered() == 0);
        assertThat(perMinute.lastHour().get(59).start()).isEqualTo(Instant.parse("2026-03-01T15:15:00Z"));
    }

    private static DeliveriesPerMinute.Minute minute(String time, long delivered, long failed, long suspended) {
        return new DeliveriesPerMinute.Minute(Instant.parse("2026-03-01T" + time + ":00Z"), delivered, failed, suspended);
    }

    /** A clock the test moves. */
    private static final class MovableClock extends Clock {
        private Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration amount) {
            now = now.plus(amount);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
