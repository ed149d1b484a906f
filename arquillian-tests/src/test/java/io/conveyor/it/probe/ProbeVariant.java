package io.conveyor.it.probe;

/**
 * Which SPI interfaces a probe adapter implements, to test how the engine probes them (send-adapter contract §1.3 in
 * {@code docs/send-adapter-contract.md}).
 */
public enum ProbeVariant {
    /** HandlerConfigurable, TransportControl, Transmitter. */
    SINGLE,
    /** HandlerConfigurable, TransportControl, BatchTransmitter. */
    BATCH,
    /** TransportControl, Transmitter and BatchTransmitter (the engine must choose Transmitter, L7). */
    BOTH,
    /** TransportControl and Transmitter, no HandlerConfigurable (L5). */
    NO_LOAD,
    /** Transmitter without TransportControl (must be refused, L6). */
    NO_CONTROL,
    /** TransportControl only, neither transmitter interface (must be refused, L9). */
    NEITHER,
    /** A transactional, batch-aware adapter writing to the sample target database ({@link TransactionalProbe}). */
    TRANSACTIONAL
}
