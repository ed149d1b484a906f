package io.conveyor.adapter;

/**
 * A connector deployed on this server, as the engine sees it: the adapter's registration (contract §8.1) plus
 * its send handler configuration (§1.6, §8.2). Each connector's JCA connection factory implements this
 * interface and is bound at {@value #JNDI_PREFIX}{@code <TransportType>}; the engine discovers connectors by
 * listing that JNDI context.
 *
 * <p>The engine calls {@link #createAdapter()} once per server run, lazily on the first message for the
 * transport or at start when the adapter declares {@link Capability#INIT_TRANSMITTER_ON_SERVICE_START}
 * (§1.2), and keeps the instance until the server stops or the application is undeployed, when it calls
 * {@link TransportControl#terminate()} exactly once (§1.5).
 */
public interface SendHandler {

    /** JNDI context under which every connector's send handler is bound, followed by its transport type. */
    String JNDI_PREFIX = "java:/conveyor/handlers/";

    /** The adapter's registration: transport type, aliases, capabilities, property schemas. */
    AdapterMetadata metadata();

    /**
     * The send handler configuration, with masked values in clear: the engine passes it to
     * {@link HandlerConfigurable#load} and never returns masked values through its administration API (C5).
     */
    PropertyBag handlerConfiguration();

    /**
     * Checks a send port transport's address and endpoint properties when an administrator saves the port,
     * before anything is stored (principle 8 in {@code docs/principles.md}: bad input stops at the door). Must not do
     * I/O to the endpoint.
     *
     * @throws InvalidEndpointException naming the offending field ({@code address} or a property name)
     */
    void validateEndpoint(String address, PropertyBag endpointProperties) throws InvalidEndpointException;

    /**
     * Creates a new adapter object. The engine then probes it in the contract's order (§1.3):
     * {@link HandlerConfigurable} (optional), {@link TransportControl} (mandatory), then {@link Transmitter}
     * before {@link BatchTransmitter}. Must be cheap: real work starts in {@code initialize}.
     */
    Object createAdapter();

    /**
     * Registers what the engine does before this connector stops: terminate the adapter it created from it. The
     * connector runs the action when the server stops it (undeployment, reload, shutdown), before it lets its
     * WorkManager go, so the adapter drains while everything it uses still works. The server does not stop the
     * modules of an application in a set order, and a connector deployed on its own may be undeployed while the
     * engine runs: this is what keeps the adapter's end before its connector's. The action may block until the
     * adapter has drained (within the engine's terminate deadline) and is idempotent.
     */
    default void beforeStop(Runnable action) {
    }
}
