/**
 * The Conveyor send-adapter SPI: the contract between the messaging engine and a send adapter, one type per
 * interface of the send-adapter contract, {@code docs/send-adapter-contract.md} (the "contract"), with the BizTalk
 * names kept so a BizTalk adapter developer finds their way. In this package's javadoc, "contract §x.y" and "§x.y"
 * are sections of that document, and IDs such as L7 or P12 are items of its conformance checklist (§10).
 *
 * <h2>The contract on one screen (contract §0.1)</h2>
 * <ol>
 *   <li>The engine finds a connector through its {@link io.conveyor.adapter.SendHandler} (bound in JNDI under
 *       {@value io.conveyor.adapter.SendHandler#JNDI_PREFIX}{@code <TransportType>}), creates the adapter lazily
 *       (or at start with {@link io.conveyor.adapter.Capability#INIT_TRANSMITTER_ON_SERVICE_START}), calls
 *       {@link io.conveyor.adapter.HandlerConfigurable#load} (optional), then
 *       {@link io.conveyor.adapter.TransportControl#initialize} (mandatory), then uses
 *       {@link io.conveyor.adapter.Transmitter} if implemented, else {@link io.conveyor.adapter.BatchTransmitter}.</li>
 *   <li>The engine pushes messages; the adapter answers {@code true} (sent: the engine deletes), {@code false}
 *       (the adapter owns the outcome) or throws (the engine retries, moves to the backup transport, or suspends).</li>
 *   <li>An adapter that owns an outcome reports it through an atomic {@link io.conveyor.adapter.TransportBatch}
 *       and hears back once through its {@link io.conveyor.adapter.BatchCallback}.</li>
 *   <li>Retry budget and interval travel in the message context ({@link io.conveyor.adapter.SystemProperties}).</li>
 *   <li>{@link io.conveyor.adapter.TransportControl#terminate} stops new work and blocks until nothing is in flight.</li>
 * </ol>
 * Only {@code jakarta.*} APIs are referenced, so the SPI sits in the EAR's {@code lib/} where the engine and
 * every connector see the same classes.
 */
package io.conveyor.adapter;
