package io.conveyor.engine.dispatch;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Wakes an adapter's dispatcher when work for it was committed on this server, so a publication is delivered at
 * once instead of at the next poll. Work committed by another server is found by polling.
 */
@ApplicationScoped
public class DispatchSignals {

    private final ConcurrentMap<String, Semaphore> signals = new ConcurrentHashMap<>();

    /** Signals that the adapter may have work. */
    public void wake(String adapterType) {
        Semaphore signal = signal(adapterType);
        if (signal.availablePermits() == 0) {
            signal.release();
        }
    }

    /** Signals every adapter (engine time moved, an operator resumed messages). */
    public void wakeAll() {
        signals.values().forEach(signal -> {
            if (signal.availablePermits() == 0) {
                signal.release();
            }
        });
    }

    /**
     * Waits until the adapter is signalled or the time passes.
     *
     * @return whether a signal arrived
     */
    public boolean await(String adapterType, Duration timeout) throws InterruptedException {
        Semaphore signal = signal(adapterType);
        boolean signalled = signal.tryAcquire(timeout.toMillis(), TimeUnit.MILLISECONDS);
        signal.drainPermits();
        return signalled;
    }

    private Semaphore signal(String adapterType) {
        return signals.computeIfAbsent(adapterType.toUpperCase(Locale.ROOT), type -> new Semaphore(0));
    }
}
