/**
 * Test doubles for connector tests, published as the adapter kit's test-jar: the engine's side of the SPI
 * ({@link io.conveyor.kit.testing.RecordingProxy} and the proxy batches it records, responses included), messages as
 * the engine delivers them ({@link io.conveyor.kit.testing.TestMessage}), the message factory for the responses an
 * adapter makes, JCA WorkManagers that run work on a plain executor
 * ({@link io.conveyor.kit.testing.ExecutorWorkManager}), hold it until the test runs it
 * ({@link io.conveyor.kit.testing.HeldWorkManager}) or refuse it, the bootstrap context a resource adapter is started
 * with ({@link io.conveyor.kit.testing.TestBootstrapContext}), and the check that a connector's README and server
 * configuration give its handler properties as its resource adapter declares them
 * ({@link io.conveyor.kit.testing.HandlerPropertyDocumentation}). A connector's tests use them with a test-scoped
 * dependency of type {@code test-jar} on {@code conveyor-adapter-kit}.
 */
package io.conveyor.kit.testing;
