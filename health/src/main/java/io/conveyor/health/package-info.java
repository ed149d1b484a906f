/**
 * The engine's MicroProfile Health checks, served by WildFly at {@code /health} on the management interface beside
 * its own (server state, deployments): the MessageBox answers, no adapter has failed, the suspended queue is below
 * its threshold. All three are readiness checks (docs/operations.md, "Health").
 */
package io.conveyor.engine.health;
