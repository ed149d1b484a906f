/**
 * The adapter kit: what every connector author needs besides the SPI ({@code io.conveyor.adapter}). In this
 * package's javadoc, "contract §x.y" is a section of the send-adapter contract, {@code docs/send-adapter-contract.md},
 * and IDs such as L16 are items of its conformance checklist (§10).
 * <ul>
 *   <li>{@link io.conveyor.kit.jca.SendAdapterResourceAdapter}: extend it, and the JCA boilerplate that binds the
 *       connector's {@link io.conveyor.adapter.SendHandler} for the engine is done; handler properties are the
 *       resource adapter's {@code @ConfigProperty} setters.</li>
 *   <li>{@link io.conveyor.kit.InFlightCounter}: makes {@code terminate} wait until nothing is in flight.</li>
 *   <li>{@link io.conveyor.kit.WorkQueue}: runs adapter I/O on the connector's JCA {@code WorkManager}.</li>
 *   <li>{@link io.conveyor.kit.AsyncTransmitterBatch}: the engine batch of a non-blocking, batch-aware adapter.</li>
 *   <li>{@link io.conveyor.kit.OutcomeBatch}: reports dispositions through proxy batches and, when a batch fails,
 *       issues the innocent operations again and escalates the guilty ones (contract §3.3, §4.4).</li>
 * </ul>
 */
package io.conveyor.kit;
