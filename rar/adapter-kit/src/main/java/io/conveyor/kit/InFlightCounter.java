package io.conveyor.kit;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Counts work an adapter has accepted but not finished, so that {@code terminate} can wait for it (contract §1.5,
 * modelled on {@code ControlledTermination} of BizTalk's SDK samples).
 *
 * <p>Call {@link #enter()} before taking on work (a message answered with {@code false}, a proxy batch about to be
 * done) and {@link #leave()} when it is finished (the batch callback arrived, or {@code done} threw: then no
 * callback will come, L16). {@link #terminate(Duration)} refuses further {@code enter} calls and blocks until the
 * count is zero.
 */
public final class InFlightCounter {

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition drained = lock.newCondition();
    private long count;
    private boolean terminating;

    /**
     * Registers one unit of work.
     *
     * @return {@code false} if termination was requested: do not start the work
     */
    public boolean enter() {
        lock.lock();
        try {
            if (terminating) {
                return false;
            }
            count++;
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Ends one unit of work registered with {@link #enter()}. */
    public void leave() {
        lock.lock();
        try {
            if (count == 0) {
                throw new IllegalStateException("leave() without a matching enter()");
            }
            count--;
            if (count == 0) {
                drained.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Refuses new work and waits until the count reaches zero or the deadline passes.
     *
     * @return {@code true} if everything finished, {@code false} if the deadline passed first
     */
    public boolean terminate(Duration deadline) {
        lock.lock();
        try {
            terminating = true;
            long nanos = deadline.toNanos();
            while (count > 0) {
                if (nanos <= 0) {
                    return false;
                }
                nanos = drained.awaitNanos(nanos);
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return count == 0;
        } finally {
            lock.unlock();
        }
    }

    /** Whether {@link #terminate} was called. */
    public boolean isTerminating() {
        lock.lock();
        try {
            return terminating;
        } finally {
            lock.unlock();
        }
    }

    /** The current count. */
    public long count() {
        lock.lock();
        try {
            return count;
        } finally {
            lock.unlock();
        }
    }

    /** Waits without a deadline; for adapters whose terminate must not give up. */
    public void terminate() {
        terminate(Duration.ofNanos(TimeUnit.DAYS.toNanos(365)));
    }
}
