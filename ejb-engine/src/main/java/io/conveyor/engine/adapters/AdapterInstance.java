package io.conveyor.engine.adapters;

import io.conveyor.adapter.BatchTransmitter;
import io.conveyor.adapter.HandlerConfigurable;
import io.conveyor.adapter.PropertyDescriptor;
import io.conveyor.adapter.SendHandler;
import io.conveyor.engine.ports.SecretText;
import io.conveyor.adapter.TransportControl;
import io.conveyor.adapter.Transmitter;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.function.IntSupplier;

/**
 * One adapter on this server and its lifecycle (send-adapter contract §1.3, §1.5 in
 * {@code docs/send-adapter-contract.md}): created from its {@link SendHandler}, loaded, initialised with its own proxy,
 * its transmit mode chosen; terminated once. Thread-safe; the state changes under this object's lock.
 */
public final class AdapterInstance implements ProxyLifecycle {

    private final String transportType;
    private final SendHandler handler;
    private final IntSupplier inFlight;
    private AdapterState state = AdapterState.NOT_CREATED;
    private TransmitMode mode;
    private TransportControl control;
    private Transmitter transmitter;
    private BatchTransmitter batchTransmitter;
    private Instant createdAt;
    private Instant retryAt = Instant.MIN;
    private volatile String lastError;
    private volatile Instant lastErrorAt;
    private volatile int batchSizeHint;

    AdapterInstance(String transportType, SendHandler handler, IntSupplier inFlight, int initialBatchSize) {
        this.transportType = transportType;
        this.handler = handler;
        this.inFlight = inFlight;
        this.batchSizeHint = initialBatchSize;
    }

    /**
     * Creates and initialises the adapter in the contract's order (L4–L10). On failure the instance is
     * {@link AdapterState#FAILED} until {@code retryAt}.
     */
    synchronized void create(TransportProxyFactory proxies, Instant now, Instant retryAfterFailure) {
        Object adapter = null;
        try {
            adapter = handler.createAdapter();
            if (adapter instanceof HandlerConfigurable configurable) {
                configurable.load(handler.handlerConfiguration());
            }
            if (!(adapter instanceof TransportControl transportControl)) {
                throw new AdapterInitializationException(transportType + " adapter " + adapter.getClass().getName()
                        + " does not implement TransportControl (contract §1.3 step 3)");
            }
            transportControl.initialize(proxies.proxyFor(this));
            this.control = transportControl;
            if (adapter instanceof Transmitter single) {
                this.transmitter = single;
                this.mode = TransmitMode.SINGLE_MESSAGE;
            } else if (adapter instanceof BatchTransmitter batch) {
                this.batchTransmitter = batch;
                this.mode = TransmitMode.BATCH;
            } else {
                transportControl.terminate();
                throw new AdapterInitializationException(transportType + " adapter " + adapter.getClass().getName()
                        + " implements neither Transmitter nor BatchTransmitter (contract §1.3 step 5)");
            }
            this.state = AdapterState.RUNNING;
            this.createdAt = now;
        } catch (Exception | LinkageError e) {
            this.state = AdapterState.FAILED;
            this.control = null;
            this.retryAt = retryAfterFailure;
            recordError(e);
        }
    }

    /** Calls {@code terminate} if the adapter runs; returns whether there was anything to terminate. */
    synchronized TransportControl beginTermination() {
        if (state != AdapterState.RUNNING) {
            state = AdapterState.TERMINATED;
            return null;
        }
        state = AdapterState.TERMINATING;
        return control;
    }

    synchronized void terminated() {
        state = AdapterState.TERMINATED;
    }

    public synchronized AdapterState state() {
        return state;
    }

    /** Whether a failed adapter may be created again now. */
    synchronized boolean mayRetry(Instant now) {
        return state == AdapterState.NOT_CREATED || (state == AdapterState.FAILED && !now.isBefore(retryAt));
    }

    public synchronized TransmitMode mode() {
        return mode;
    }

    public synchronized Transmitter transmitter() {
        return transmitter;
    }

    public synchronized BatchTransmitter batchTransmitter() {
        return batchTransmitter;
    }

    public SendHandler handler() {
        return handler;
    }

    /** The largest engine batch the adapter asked for so far; the dispatcher claims this many. */
    public int batchSizeHint() {
        return batchSizeHint;
    }

    public void rememberBatchSize(int size) {
        this.batchSizeHint = size;
    }

    @Override
    public String transportType() {
        return transportType;
    }

    @Override
    public synchronized boolean acceptsSubmissions() {
        return state == AdapterState.RUNNING;
    }

    @Override
    public synchronized boolean isClosed() {
        return state == AdapterState.TERMINATED;
    }

    /** Records an error for operators, cleaned of the handler's masked values and any recognisable password. */
    @Override
    public String recordError(Throwable error) {
        String text = SecretText.scrub(error.getClass().getSimpleName() + ": " + error.getMessage(), maskedHandlerValues());
        lastError = text;
        lastErrorAt = Instant.now();
        return text;
    }

    private List<String> maskedHandlerValues() {
        return handler.metadata().handlerProperties().stream().filter(PropertyDescriptor::masked)
                .map(descriptor -> handler.handlerConfiguration().read(descriptor.name()))
                .filter(Objects::nonNull).map(Object::toString).toList();
    }

    /** A snapshot for operators. */
    public synchronized AdapterStatus status() {
        return new AdapterStatus(transportType, state, mode, createdAt, lastError, lastErrorAt, inFlight.getAsInt());
    }
}
