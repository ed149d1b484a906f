package io.conveyor.adapter;

/**
 * A batch-unaware send adapter (contract §2.5 {@code IBTTransmitter}). If an adapter implements both this and
 * {@link BatchTransmitter}, this one wins (§1.3 step 5, L7).
 *
 * <p>The engine calls {@link #transmitMessage} once per outbound message (S1) on an engine dispatch thread that
 * serves only this adapter, so a blocking adapter slows only itself.
 */
public interface Transmitter {

    /**
     * Transmits one message.
     *
     * @param message the outbound message; its context carries the address, endpoint configuration and retry
     *                settings ({@link SystemProperties})
     * @return {@code true} when the message was transmitted before returning: the engine deletes it (S2);
     *         {@code false} when the adapter accepted it for asynchronous transmission: the adapter now owns its
     *         outcome and reports it through a {@link TransportBatch} (S3, S4)
     * @throws Exception transmission failed: the engine applies the default policy, retry after the retry
     *                   interval while retries remain, then the backup transport, then the suspended queue (S5–S7)
     */
    boolean transmitMessage(Message message) throws Exception;
}
