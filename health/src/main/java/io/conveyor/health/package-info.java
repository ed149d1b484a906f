/**
 * Conveyor's MicroProfile Health checks, served by WildFly at {@code /health} on the management interface beside its
 * own (server state, deployments): the MessageBox answers, no adapter has failed, the suspended queue is below its
 * threshold; all three readiness checks (docs/operations.md, "Health"). They sit in the EAR's {@code lib/} because
 * WildFly collects health checks only from a deployment's top level, and ask the engine through {@link EngineHealth},
 * which the engine implements as an EJB.
 */
package io.conveyor.health;
