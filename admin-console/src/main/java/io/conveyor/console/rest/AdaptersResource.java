package io.conveyor.console.rest;

import static io.conveyor.console.rest.JsonProviders.JSON;

import io.conveyor.engine.admin.AdapterAdministration;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** {@code /api/adapters}: the deployed adapters, their registration, handler configuration and status. */
@RequestScoped
@Path("/adapters")
@Produces(MediaType.APPLICATION_JSON)
public class AdaptersResource {

    @Inject
    AdapterAdministration adapters;

    @RolesAllowed({Roles.VIEWER, Roles.OPERATOR, Roles.ADMIN})
    @GET
    public Response list() {
        JsonArrayBuilder array = JSON.createArrayBuilder();
        adapters.list().forEach(view -> array.add(JsonViews.adapter(view)));
        return Response.ok(array.build()).build();
    }

    @RolesAllowed({Roles.VIEWER, Roles.OPERATOR, Roles.ADMIN})
    @GET
    @Path("/{transportType}")
    public Response get(@PathParam("transportType") String transportType) {
        return Response.ok(JsonViews.adapter(adapters.get(transportType))).build();
    }
}
