package io.conveyor.adapter;

/**
 * Optional: an adapter that wants its send handler configuration (contract §1.3 step 2, §2.3
 * {@code IPersistPropertyBag.Load}).
 *
 * <p>The engine calls {@link #load} exactly once, right after creating the adapter and before
 * {@link TransportControl#initialize} (L4). An adapter that does not implement this interface is initialised
 * all the same (L5). Changes an administrator makes to the handler configuration while the server runs reach
 * the adapter only after a restart (L11); endpoint configuration, by contrast, travels with every message.
 */
public interface HandlerConfigurable {

    /**
     * Receives the handler configuration. Validate it here and keep what you need; do no I/O and do not block.
     *
     * @param handlerConfiguration the connector's configuration values, masked ones in clear
     * @throws Exception when the configuration is unusable; the engine then marks the adapter failed, logs the
     *                   error and leaves its messages queued
     */
    void load(PropertyBag handlerConfiguration) throws Exception;
}
