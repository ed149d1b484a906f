package io.conveyor.engine.runtime;

/**
 * Send port names by identity, as this server last loaded them, for what knows a port only by its identity (the
 * metrics); implemented by {@code ports.SubscriptionTable}. Never reads the MessageBox.
 */
public interface PortNames {

    /** The port's name, or {@code null} if this server has not loaded such a port. */
    String nameOf(String portId);
}
