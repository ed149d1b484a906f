package io.conveyor.engine.ports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ServiceWindowTest {

    private static final ServiceWindow OFFICE_HOURS = new ServiceWindow(LocalTime.of(9, 0), LocalTime.of(17, 0), ZoneOffset.UTC);
    private static final ServiceWindow NIGHT = new ServiceWindow(LocalTime.of(22, 0), LocalTime.of(6, 0), ZoneOffset.UTC);

    @Test
    @DisplayName("a window is open from its start, inclusive, to its end, exclusive")
    void boundaries() {
        assertThat(OFFICE_HOURS.isOpen(Instant.parse("2026-03-02T08:59:59.999Z"))).isFalse();
        assertThat(OFFICE_HOURS.isOpen(Instant.parse("2026-03-02T09:00:00Z"))).isTrue();
        assertThat(OFFICE_HOURS.isOpen(Instant.parse("2026-03-02T16:59:59.999Z"))).isTrue();
        assertThat(OFFICE_HOURS.isOpen(Instant.parse("2026-03-02T17:00:00Z"))).isFalse();
    }

    @Test
    @DisplayName("a window whose end comes before its start spans midnight")
    void spansMidnight() {
        assertThat(NIGHT.isOpen(Instant.parse("2026-03-02T21:59:59Z"))).isFalse();
        assertThat(NIGHT.isOpen(Instant.parse("2026-03-02T22:00:00Z"))).isTrue();
        assertThat(NIGHT.isOpen(Instant.parse("2026-03-02T23:59:59Z"))).isTrue();
        assertThat(NIGHT.isOpen(Instant.parse("2026-03-03T00:00:00Z"))).isTrue();
        assertThat(NIGHT.isOpen(Instant.parse("2026-03-03T05:59:59Z"))).isTrue();
        assertThat(NIGHT.isOpen(Instant.parse("2026-03-03T06:00:00Z"))).isFalse();
    }

    @Test
    @DisplayName("the next opening is the instant itself when open, later the same day, or the next day")
    void nextOpening() {
        Instant open = Instant.parse("2026-03-02T10:15:30.5Z");
        assertThat(OFFICE_HOURS.nextOpen(open)).isEqualTo(open);
        assertThat(OFFICE_HOURS.nextOpen(Instant.parse("2026-03-02T07:30:00Z"))).isEqualTo(Instant.parse("2026-03-02T09:00:00Z"));
        assertThat(OFFICE_HOURS.nextOpen(Instant.parse("2026-03-02T17:00:00Z"))).isEqualTo(Instant.parse("2026-03-03T09:00:00Z"));
        assertThat(NIGHT.nextOpen(Instant.parse("2026-03-03T12:00:00Z"))).isEqualTo(Instant.parse("2026-03-03T22:00:00Z"));
    }

    @Test
    @DisplayName("hours are read in the window's time zone, across a daylight-saving change")
    void timeZone() {
        ServiceWindow paris = new ServiceWindow(LocalTime.of(9, 0), LocalTime.of(17, 0), ZoneId.of("Europe/Paris"));
        // 29 March 2026: clocks go from UTC+1 to UTC+2, so 09:00 in Paris is 07:00 UTC that day and 08:00 UTC before.
        assertThat(paris.isOpen(Instant.parse("2026-03-28T07:30:00Z"))).isFalse();
        assertThat(paris.isOpen(Instant.parse("2026-03-29T07:30:00Z"))).isTrue();
        assertThat(paris.nextOpen(Instant.parse("2026-03-28T17:00:00Z"))).isEqualTo(Instant.parse("2026-03-29T07:00:00Z"));
    }

    @Test
    @DisplayName("a window that starts where it ends is refused")
    void emptyWindowRefused() {
        assertThatThrownBy(() -> new ServiceWindow(LocalTime.NOON, LocalTime.NOON, ZoneOffset.UTC))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("from and to");
    }
}
