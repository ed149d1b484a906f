package io.conveyor.engine.ports;

import io.conveyor.engine.messagebox.TrackingLevel;

/**
 * What an administrator says about a send port (send-adapter contract §8.3 in {@code docs/send-adapter-contract.md}):
 * its name, its subscription filter, its state and priority, whether it is dynamic, two-way or ordered, its primary
 * transport and optional backup transport. Stored as given once validated.
 *
 * @param priority             1 (highest) to 10 (lowest), default 5; higher-priority work is claimed first
 * @param dynamic              a dynamic port has no transports: each message names its address (and maybe its
 *                             adapter) in {@code OutboundTransportLocation} / {@code OutboundTransportType} (§6)
 * @param twoWay               a solicit-response port: its messages carry {@code IsSolicitResponse}, its adapters
 *                             (primary and backup) must support solicit-response, and its suspensions are
 *                             non-resumable (§5)
 * @param orderedDelivery      deliver the port's messages one at a time, in publication order (§4.7)
 * @param stopSendingOnFailure with ordered delivery: a message that finally fails stops the port's queue (suspended,
 *                             resumable) instead of being suspended non-resumable while the next goes on
 * @param primary              {@code null} for a dynamic port
 * @param backup               {@code null} when the port has no backup transport (always for a dynamic port)
 * @param tracking             what message tracking records of the port's messages (default
 *                             {@link TrackingLevel#EVENTS})
 */
public record SendPortDefinition(String name, String filter, PortState state, int priority, boolean dynamic,
                                 boolean twoWay, boolean orderedDelivery, boolean stopSendingOnFailure,
                                 TransportSettings primary, TransportSettings backup, TrackingLevel tracking) {

    public static final int DEFAULT_PRIORITY = 5;
    public static final TrackingLevel DEFAULT_TRACKING = TrackingLevel.EVENTS;

    /** A port tracked at the default level. */
    public SendPortDefinition(String name, String filter, PortState state, int priority, boolean dynamic,
                              boolean twoWay, boolean orderedDelivery, boolean stopSendingOnFailure,
                              TransportSettings primary, TransportSettings backup) {
        this(name, filter, state, priority, dynamic, twoWay, orderedDelivery, stopSendingOnFailure, primary, backup,
                DEFAULT_TRACKING);
    }

    /** A one-way port. */
    public SendPortDefinition(String name, String filter, PortState state, int priority, boolean dynamic,
                              boolean orderedDelivery, boolean stopSendingOnFailure, TransportSettings primary,
                              TransportSettings backup) {
        this(name, filter, state, priority, dynamic, false, orderedDelivery, stopSendingOnFailure, primary, backup);
    }

    /** A static, one-way, unordered port. */
    public SendPortDefinition(String name, String filter, PortState state, int priority, TransportSettings primary,
                              TransportSettings backup) {
        this(name, filter, state, priority, false, false, false, false, primary, backup);
    }

    /** A copy in another state. */
    public SendPortDefinition withState(PortState newState) {
        return new SendPortDefinition(name, filter, newState, priority, dynamic, twoWay, orderedDelivery,
                stopSendingOnFailure, primary, backup, tracking);
    }
}
