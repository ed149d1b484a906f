package io.conveyor.console.rest;

import static io.conveyor.console.rest.JsonProviders.JSON;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.json.JsonArrayBuilder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.util.List;

/**
 * {@code /api/me}: the caller, which of the API's {@link Roles} it has, and where WildFly's management console is, as
 * {@code {"user":"…","roles":[…],"managementConsole":{"port":9990,"path":"/console/index.html"}}}. The web console asks it
 * to offer only what the caller's roles allow, and to link to the management console (on the browser's own host) where
 * handler configuration is edited; the API checks every operation itself regardless.
 */
@RequestScoped
@Path("/me")
@Produces(MediaType.APPLICATION_JSON)
public class MeResource {

    private static final List<String> ROLES = List.of(Roles.VIEWER, Roles.OPERATOR, Roles.ADMIN, Roles.PUBLISHER);
    private static final String MANAGEMENT_CONSOLE_PATH = "/console/index.html";

    @RolesAllowed({Roles.VIEWER, Roles.OPERATOR, Roles.ADMIN, Roles.PUBLISHER})
    @GET
    public Response me(@Context SecurityContext security) {
        JsonArrayBuilder roles = JSON.createArrayBuilder();
        ROLES.stream().filter(security::isUserInRole).forEach(roles::add);
        return Response.ok(JSON.createObjectBuilder().add("user", security.getUserPrincipal().getName())
                .add("roles", roles)
                .add("managementConsole", JSON.createObjectBuilder().add("port", managementHttpPort())
                        .add("path", MANAGEMENT_CONSOLE_PATH))
                .build()).build();
    }

    /**
     * The management interface's HTTP port as WildFly's default configuration computes it: the socket binding
     * {@code management-http} at {@code jboss.management.http.port} (9990) plus {@code jboss.socket.binding.port-offset}.
     */
    private static int managementHttpPort() {
        return Integer.getInteger("jboss.management.http.port", 9990)
                + Integer.getInteger("jboss.socket.binding.port-offset", 0);
    }
}
