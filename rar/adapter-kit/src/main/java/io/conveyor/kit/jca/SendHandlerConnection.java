package io.conveyor.kit.jca;

/**
 * The connection type the JCA connection definition requires. The engine never opens one: it uses the
 * {@link io.conveyor.adapter.SendHandler} connection factory directly. Present only to satisfy the connector model.
 */
public interface SendHandlerConnection extends AutoCloseable {

    @Override
    void close();
}
