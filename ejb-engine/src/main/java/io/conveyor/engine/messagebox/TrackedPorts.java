package io.conveyor.engine.messagebox;

/**
 * What message tracking needs to know of a send port by its identity, as this server last loaded it; implemented by
 * {@code ports.SubscriptionTable}. Never reads the MessageBox.
 */
public interface TrackedPorts {

    /** The port's tracking level; {@link TrackingLevel#EVENTS} for a port this server has not loaded. */
    TrackingLevel trackingOf(String portId);

    /** The address of one of the port's transports, its password masked; {@code null} when not known (dynamic port). */
    String addressOf(String portId, TransportRole transport);

    /** An address with its password, if any, masked (a dynamic port's address). */
    String masked(String address);
}
