package io.conveyor.engine.ports;

import java.util.Map;

/**
 * One transport of a send port (send-adapter contract §8.3 in {@code docs/send-adapter-contract.md}): the adapter, the
 * address, the endpoint properties given to the adapter with every message, the retry settings, and an optional service
 * window.
 *
 * @param retryCount    resubmits allowed before the next transport or suspension (0 to 1000, default 3)
 * @param retryInterval minutes between attempts (0 to 525,600, default 5)
 * @param serviceWindow when the transport may send; {@code null} for always
 */
public record TransportSettings(String adapter, String address, Map<String, String> properties, int retryCount,
                                int retryInterval, ServiceWindow serviceWindow) {

    public static final int DEFAULT_RETRY_COUNT = 3;
    public static final int DEFAULT_RETRY_INTERVAL = 5;

    public TransportSettings {
        properties = properties == null ? Map.of() : Map.copyOf(properties);
    }

    /** A transport that may send at any time. */
    public TransportSettings(String adapter, String address, Map<String, String> properties, int retryCount,
                             int retryInterval) {
        this(adapter, address, properties, retryCount, retryInterval, null);
    }
}
