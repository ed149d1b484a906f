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
 * {@code /api/me}: the caller and which of the API's {@link Roles} it has, as {@code {"user":"…","roles":[…]}}. The web
 * console asks it to offer only what the caller's roles allow; the API checks every operation itself regardless.
 */
@RequestScoped
@Path("/me")
@Produces(MediaType.APPLICATION_JSON)
public class MeResource {

    private static final List<String> ROLES = List.of(Roles.VIEWER, Roles.OPERATOR, Roles.ADMIN, Roles.PUBLISHER);

    @RolesAllowed({Roles.VIEWER, Roles.OPERATOR, Roles.ADMIN, Roles.PUBLISHER})
    @GET
    public Response me(@Context SecurityContext security) {
        JsonArrayBuilder roles = JSON.createArrayBuilder();
        ROLES.stream().filter(security::isUserInRole).forEach(roles::add);
        return Response.ok(JSON.createObjectBuilder().add("user", security.getUserPrincipal().getName())
                .add("roles", roles).build()).build();
    }
}
