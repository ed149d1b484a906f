package io.conveyor.kit.testing;

import jakarta.resource.spi.BootstrapContext;
import jakarta.resource.spi.XATerminator;
import jakarta.resource.spi.work.WorkContext;
import jakarta.resource.spi.work.WorkManager;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.Timer;

/**
 * The server's bootstrap context as a connector's {@code ResourceAdapter.start} receives it, giving out the
 * WorkManager the test chose; it has no transaction inflow and supports no work contexts.
 */
public final class TestBootstrapContext implements BootstrapContext {

    private final WorkManager workManager;

    public TestBootstrapContext(WorkManager workManager) {
        this.workManager = workManager;
    }

    @Override
    public WorkManager getWorkManager() {
        return workManager;
    }

    @Override
    public XATerminator getXATerminator() {
        return null;
    }

    @Override
    public Timer createTimer() {
        return new Timer(true);
    }

    @Override
    public boolean isContextSupported(Class<? extends WorkContext> workContextClass) {
        return false;
    }

    @Override
    public TransactionSynchronizationRegistry getTransactionSynchronizationRegistry() {
        return null;
    }
}
