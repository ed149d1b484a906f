package io.conveyor.kit.jca;

/** The connection handle {@link SendHandlerManagedConnection} gives out; it has nothing to close. */
public final class SendHandlerConnectionHandle implements SendHandlerConnection {

    @Override
    public void close() {
        // a handle holds no resource
    }
}
