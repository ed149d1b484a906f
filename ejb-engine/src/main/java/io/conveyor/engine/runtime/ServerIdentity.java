package io.conveyor.engine.runtime;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * This server's name in the MessageBox: it owns the leases of the deliveries it claimed. Every server sharing a
 * MessageBox needs a distinct one: system property {@code conveyor.server.id}, else WildFly's
 * {@code jboss.node.name}.
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
        return System.getProperty("jboss.node.name", "conveyor");
    }
}
