package io.conveyor.engine.proxy;

import io.conveyor.adapter.BatchCallback;
import io.conveyor.adapter.MessageFactory;
import io.conveyor.adapter.MessagingShuttingDownException;
import io.conveyor.adapter.TransportBatch;
import io.conveyor.adapter.TransportProxy;
import io.conveyor.engine.adapters.ProxyLifecycle;
import io.conveyor.engine.messagebox.EngineMessageFactory;
import java.util.logging.Level;
import java.util.logging.Logger;

/** The engine's {@link TransportProxy}: one per adapter instance (L10). */
public final class EngineTransportProxy implements TransportProxy {

    private static final Logger LOG = Logger.getLogger(EngineTransportProxy.class.getName());
    private static final MessageFactory MESSAGE_FACTORY = new EngineMessageFactory();

    private final ProxyServices services;
    private final ProxyLifecycle lifecycle;

    public EngineTransportProxy(ProxyServices services, ProxyLifecycle lifecycle) {
        this.services = services;
        this.lifecycle = lifecycle;
    }

    @Override
    public TransportBatch getBatch(BatchCallback callback, Object cookie) {
        if (callback == null) {
            throw new IllegalArgumentException("a proxy batch needs a callback: without one the adapter cannot learn that it failed");
        }
        if (lifecycle.isClosed()) {
            throw new MessagingShuttingDownException("the " + lifecycle.transportType()
                    + " adapter was terminated: the engine takes no more batches from it");
        }
        return new EngineTransportBatch(services, lifecycle, callback, cookie);
    }

    @Override
    public MessageFactory messageFactory() {
        return MESSAGE_FACTORY;
    }

    @Override
    public void setErrorInfo(Throwable error) {
        String text = lifecycle.recordError(error);
        LOG.warning(() -> "adapter " + lifecycle.transportType() + " reports: " + text);
        // the stack trace repeats the adapter's own message, which may hold a secret: only at FINE
        LOG.log(Level.FINE, "adapter " + lifecycle.transportType() + " reported this error", error);
    }
}
