package io.conveyor.console.rest;

import static io.conveyor.console.rest.JsonProviders.JSON;

import io.conveyor.engine.admin.Actor;
import io.conveyor.engine.admin.PortAdministration;
import io.conveyor.engine.api.ValidationException;
import io.conveyor.engine.ports.PortJson;
import io.conveyor.engine.ports.PortState;
import io.conveyor.engine.ports.SendPort;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriBuilder;
import java.util.Arrays;

/** {@code /api/ports}: create, read, update and delete send ports; changes are audited with the caller's name. */
@RequestScoped
@Path("/ports")
@Produces(MediaType.APPLICATION_JSON)
public class PortsResource {

    @Inject
    PortAdministration ports;

    @RolesAllowed({Roles.VIEWER, Roles.OPERATOR, Roles.ADMIN})
    @GET
    public Response list() {
        JsonArrayBuilder array = JSON.createArrayBuilder();
        ports.list().forEach(port -> array.add(JsonViews.port(port)));
        return Response.ok(array.build()).build();
    }

    @RolesAllowed(Roles.ADMIN)
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(String body, @Context SecurityContext caller) {
        SendPort port = ports.create(Actor.of(caller.getUserPrincipal()), PortJson.read(JsonBodies.object(body, "body"), ""));
        return Response.created(UriBuilder.fromResource(PortsResource.class).path(port.name()).build())
                .entity(JsonViews.port(port)).build();
    }

    @RolesAllowed({Roles.VIEWER, Roles.OPERATOR, Roles.ADMIN})
    @GET
    @Path("/{name}")
    public Response get(@PathParam("name") String name) {
        return Response.ok(JsonViews.port(ports.get(name))).build();
    }

    @RolesAllowed(Roles.ADMIN)
    @PUT
    @Path("/{name}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response update(@PathParam("name") String name, String body, @Context SecurityContext caller) {
        return Response.ok(JsonViews.port(ports.update(Actor.of(caller.getUserPrincipal()), name,
                PortJson.read(JsonBodies.object(body, "body"), "")))).build();
    }

    /** {@code PUT /api/ports/{name}/state} with {@code {"state": "STARTED"}}: enlist, start, stop or unenlist. */
    @RolesAllowed({Roles.OPERATOR, Roles.ADMIN})
    @PUT
    @Path("/{name}/state")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response changeState(@PathParam("name") String name, String body, @Context SecurityContext caller) {
        JsonObject json = JsonBodies.object(body, "body");
        for (String field : json.keySet()) {
            if (!field.equals("state")) {
                throw new ValidationException(field, "unknown field; expected state");
            }
        }
        String text = json.get("state") instanceof JsonString state ? state.getString() : null;
        PortState state = Arrays.stream(PortState.values()).filter(s -> s.name().equalsIgnoreCase(text)).findFirst()
                .orElseThrow(() -> new ValidationException("state", "'" + text + "' is not one of BOUND, STOPPED, STARTED"));
        return Response.ok(JsonViews.port(ports.changeState(Actor.of(caller.getUserPrincipal()), name, state))).build();
    }

    @RolesAllowed(Roles.ADMIN)
    @DELETE
    @Path("/{name}")
    public Response delete(@PathParam("name") String name, @Context SecurityContext caller) {
        ports.delete(Actor.of(caller.getUserPrincipal()), name);
        return Response.noContent().build();
    }
}
