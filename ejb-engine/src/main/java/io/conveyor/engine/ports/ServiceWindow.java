package io.conveyor.engine.ports;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * When a transport may send (the "service window" of send-adapter contract §8.3 in
 * {@code docs/send-adapter-contract.md}): every day from {@code from} (inclusive) to {@code to} (exclusive), in a time
 * zone. A window whose end is before its start spans midnight. Outside it the engine holds the messages itself
 * ("scheduled for later delivery") without involving the adapter (A9).
 */
public record ServiceWindow(LocalTime from, LocalTime to, ZoneId zone) {

    public ServiceWindow {
        if (from.equals(to)) {
            throw new IllegalArgumentException("a service window needs from and to to differ");
        }
    }

    public boolean isOpen(Instant instant) {
        LocalTime time = instant.atZone(zone).toLocalTime();
        return from.isBefore(to) ? !time.isBefore(from) && time.isBefore(to) : !time.isBefore(from) || time.isBefore(to);
    }

    /** The instant itself when the window is open, else the next opening. */
    public Instant nextOpen(Instant instant) {
        if (isOpen(instant)) {
            return instant;
        }
        ZonedDateTime now = instant.atZone(zone);
        ZonedDateTime opening = now.with(from).withNano(0);
        if (!opening.isAfter(now)) {
            opening = opening.plusDays(1);
        }
        return opening.toInstant();
    }
}
