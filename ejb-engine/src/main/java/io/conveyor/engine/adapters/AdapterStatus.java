package io.conveyor.engine.adapters;

import java.time.Instant;

/**
 * What an operator sees of an adapter on this server.
 *
 * @param mode      {@code null} until the adapter is created
 * @param lastError the last initialisation failure or {@code setErrorInfo} report, or {@code null}
 * @param inFlight  messages handed to the adapter and not yet disposed of
 */
public record AdapterStatus(String transportType, AdapterState state, TransmitMode mode, Instant createdAt,
                            String lastError, Instant lastErrorAt, int inFlight) {
}
