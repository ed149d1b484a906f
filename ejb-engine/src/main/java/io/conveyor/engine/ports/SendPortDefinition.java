package io.conveyor.engine.ports;

/**
 * What an administrator says about a send port: its name, its subscription filter, its state and priority, its
 * primary transport and optional backup transport (contract §8.3). Stored as given once validated.
 *
 * @param priority 1 (highest) to 10 (lowest), default 5; higher-priority work is claimed first
 * @param backup   {@code null} when the port has no backup transport
 */
public record SendPortDefinition(String name, String filter, PortState state, int priority, TransportSettings primary,
                                 TransportSettings backup) {

    public static final int DEFAULT_PRIORITY = 5;
}
