package io.conveyor.engine.adapters;

/**
 * How the engine pushes messages to an adapter, decided once at initialisation (send-adapter contract §1.3 step 5 in
 * {@code docs/send-adapter-contract.md}).
 */
public enum TransmitMode {
    /** {@code Transmitter.transmitMessage}, one message at a time. */
    SINGLE_MESSAGE,
    /** {@code BatchTransmitter.getBatch} and engine batches. */
    BATCH
}
