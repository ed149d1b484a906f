package io.conveyor.adapter;

/**
 * A batch-aware send adapter (contract §2.6 {@code IBTBatchTransmitter}): the engine asks it for an engine batch
 * whenever it has messages for it. Used only when the adapter does not also implement {@link Transmitter} (L8).
 */
public interface BatchTransmitter {

    /**
     * Returns a <em>new</em> engine batch each time it is called (B1); the engine fills it and calls
     * {@link TransmitterBatch#done} or {@link TransmitterBatch#clear} exactly once.
     */
    TransmitterBatch getBatch();
}
