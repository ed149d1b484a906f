package io.conveyor.engine.adapters;

import io.conveyor.adapter.TransportProxy;

/**
 * Makes the transport proxy an adapter instance is initialised with (send-adapter contract §1.3 in
 * {@code docs/send-adapter-contract.md}): one per instance, bound to its lifecycle. Implemented by the proxy
 * package, so that adapters, which the proxy serves, do not depend on it.
 */
public interface TransportProxyFactory {

    /** A new proxy for {@code adapter}. */
    TransportProxy proxyFor(ProxyLifecycle adapter);
}
