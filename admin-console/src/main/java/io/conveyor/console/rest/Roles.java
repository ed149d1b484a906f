package io.conveyor.console.rest;

/**
 * The REST API's roles. Users and their groups come from the Elytron security domain the application security domain
 * {@code conveyor} maps to (by default WildFly's properties realm, each group a role); every resource method names the
 * roles that may call it with {@code @RolesAllowed}, and a role includes what the roles below it may do:
 * <ul>
 *   <li>{@value #VIEWER}: read ports, adapters, bindings, work items, messages' metadata and the suspended queue;</li>
 *   <li>{@value #OPERATOR}: a viewer who also reads stored message bodies, resumes and terminates suspended messages
 *       and changes port states;</li>
 *   <li>{@value #ADMIN}: an operator who also creates, replaces and deletes ports, imports bindings and reads
 *       every response;</li>
 *   <li>{@value #PUBLISHER}: publishes, and fetches the responses of its own publications.</li>
 * </ul>
 */
public final class Roles {

    /** Reads the engine's state. */
    public static final String VIEWER = "conveyor-viewer";
    /** Operates: message bodies, suspended-queue actions and port states. */
    public static final String OPERATOR = "conveyor-operator";
    /** Administers: port definitions, bindings import, responses. */
    public static final String ADMIN = "conveyor-admin";
    /** Publishes messages. */
    public static final String PUBLISHER = "conveyor-publisher";

    private Roles() {
    }
}
