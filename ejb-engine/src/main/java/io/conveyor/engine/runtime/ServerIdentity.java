package io.conveyor.engine.runtime;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * This server's name in the MessageBox: it owns the leases of the deliveries it claimed. Every server sharing a
 * MessageBox needs a distinct one: system property {@code conveyor.server.id}, else {@code conveyor.node.id} (which
 * also names the server to the transaction manager), else WildFly's {@code jboss.node.name}. Two servers with the
 * same identity would take over each other's deliveries at start.
 */
@ApplicationScoped
public class ServerIdentity {

    private final String id = resolve();

    public String id() {
        return id;
    }

    private static String resolve() {
        String configured = System.getProperty("conveyor.server.id");
        if (configured != null && !configured.isBlank()) {
            return configured.trim();
        }
        String nodeId = System.getProperty("conveyor.node.id");
        if (nodeId != null && !nodeId.isBlank()) {
            return nodeId.trim();
        }
        return System.getProperty("jboss.node.name", "conveyor");
    }
}
