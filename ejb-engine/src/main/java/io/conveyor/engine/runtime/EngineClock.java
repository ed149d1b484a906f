package io.conveyor.engine.runtime;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The engine's time: retry times, service windows and leases are all read from here (principle 7 in
 * {@code docs/principles.md}), so the in-container tests reach a retry five minutes away by
 * {@linkplain #advance moving the clock}, not by sleeping. In production the offset stays zero.
 */
@ApplicationScoped
public class EngineClock extends Clock {

    private volatile Duration offset = Duration.ZERO;

    @Override
    public Instant instant() {
        return Instant.now().plus(offset);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return Clock.offset(Clock.system(zone), offset);
    }

    /** Moves engine time forward; the dispatcher notices at its next poll. For tests and drills. */
    public void advance(Duration amount) {
        if (amount.isNegative()) {
            throw new IllegalArgumentException("engine time only moves forward");
        }
        offset = offset.plus(amount);
    }

    /** How far engine time is ahead of the system clock. */
    public Duration offset() {
        return offset;
    }
}
