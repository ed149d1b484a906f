package io.conveyor.engine.runtime;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * This server's committed deliveries, failed delivery attempts and suspensions per minute of engine time over the last
 * {@value #MINUTES} minutes, in memory: a ring of one slot per minute, reused an hour later. {@link EngineMetrics}
 * counts each committed fact here too, so counting costs an increment. The counts start empty when the application
 * starts and are this server's only (decision 37 in {@code docs/decisions.md}).
 */
@ApplicationScoped
public class DeliveriesPerMinute {

    /** How many minutes are kept: the last hour, the current minute included. */
    public static final int MINUTES = 60;
    private static final long MINUTE_MILLIS = 60_000;

    private final Clock clock;
    private final Instant countingSince;
    private final AtomicReferenceArray<Slot> slots = new AtomicReferenceArray<>(MINUTES);

    /** For the container's proxy. */
    protected DeliveriesPerMinute() {
        this(Clock.systemUTC());
    }

    /** Counts by engine time (which the in-container tests move forward). */
    @Inject
    public DeliveriesPerMinute(EngineClock clock) {
        this((Clock) clock);
    }

    /** Counts by {@code clock}'s time. */
    public DeliveriesPerMinute(Clock clock) {
        this.clock = clock;
        this.countingSince = clock.instant();
    }

    /** When counting started: nothing before it is known here. */
    public Instant countingSince() {
        return countingSince;
    }

    /** A delivery committed now. */
    public void delivered() {
        current().delivered.increment();
    }

    /** A failed delivery attempt committed now; {@code suspended} when it suspended the work item. */
    public void failed(boolean suspended) {
        Slot slot = current();
        slot.failed.increment();
        if (suspended) {
            slot.suspended.increment();
        }
    }

    /** A work item suspended at publication committed now. */
    public void suspended() {
        current().suspended.increment();
    }

    /** The last {@value #MINUTES} minutes, oldest first, the current (still counting) minute last. */
    public List<Minute> lastHour() {
        long now = Math.floorDiv(clock.millis(), MINUTE_MILLIS);
        List<Minute> minutes = new ArrayList<>(MINUTES);
        for (long minute = now - MINUTES + 1; minute <= now; minute++) {
            Slot slot = slots.get(index(minute));
            boolean counted = slot != null && slot.minute == minute;
            minutes.add(new Minute(Instant.ofEpochMilli(minute * MINUTE_MILLIS), counted ? slot.delivered.sum() : 0,
                    counted ? slot.failed.sum() : 0, counted ? slot.suspended.sum() : 0));
        }
        return minutes;
    }

    /** The slot of the current minute, taking over the one of an hour (or more) ago. */
    private Slot current() {
        long minute = Math.floorDiv(clock.millis(), MINUTE_MILLIS);
        int index = index(minute);
        while (true) {
            Slot slot = slots.get(index);
            if (slot != null && slot.minute >= minute) {
                // a clock set back counts into the newer minute rather than erase it
                return slot;
            }
            Slot fresh = new Slot(minute);
            if (slots.compareAndSet(index, slot, fresh)) {
                return fresh;
            }
        }
    }

    private static int index(long minute) {
        return (int) Math.floorMod(minute, (long) MINUTES);
    }

    /** One minute's counts: deliveries, failed delivery attempts (retries, moves, suspensions) and suspensions. */
    public record Minute(Instant start, long delivered, long failed, long suspended) {
    }

    /** The counters of one minute. */
    private static final class Slot {
        final long minute;
        final LongAdder delivered = new LongAdder();
        final LongAdder failed = new LongAdder();
        final LongAdder suspended = new LongAdder();

        Slot(long minute) {
            this.minute = minute;
        }
    }
}
