package io.conveyor.console.rest;

import static io.conveyor.console.rest.JsonProviders.JSON;

import io.conveyor.engine.admin.Actor;
import io.conveyor.engine.admin.PortAdministration;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;

/**
 * {@code /api/bindings}: every send port as one JSON file, exported and imported (all or nothing; an import is audited
 * with the caller's name); {@code POST /preview} says what an import of a file would do, writing nothing.
 */
@RequestScoped
@Path("/bindings")
@Produces(MediaType.APPLICATION_JSON)
public class BindingsResource {

    @Inject
    PortAdministration ports;

    @RolesAllowed({Roles.VIEWER, Roles.OPERATOR, Roles.ADMIN})
    @GET
    public Response export() {
        return Response.ok(ports.exportBindings())
                .header("Content-Disposition", "attachment; filename=\"conveyor-bindings.json\"").build();
    }

    @RolesAllowed(Roles.ADMIN)
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response importBindings(String body, @Context SecurityContext caller) {
        PortAdministration.ImportResult result = ports.importBindings(Actor.of(caller.getUserPrincipal()),
                JsonBodies.object(body, "body"));
        return Response.ok(JSON.createObjectBuilder()
                .add("created", JSON.createArrayBuilder(result.created()))
                .add("updated", JSON.createArrayBuilder(result.updated()))
                .add("unchanged", JSON.createArrayBuilder(result.unchanged()))
                .build()).build();
    }

    @RolesAllowed(Roles.ADMIN)
    @POST
    @Path("/preview")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response preview(String body) {
        PortAdministration.ImportPreview preview = ports.previewBindings(JsonBodies.object(body, "body"));
        JsonArrayBuilder updated = JSON.createArrayBuilder();
        preview.updated().forEach((name, changes) -> updated.add(JSON.createObjectBuilder().add("name", name)
                .add("changes", changes)));
        return Response.ok(JSON.createObjectBuilder()
                .add("created", JSON.createArrayBuilder(preview.created()))
                .add("updated", updated)
                .add("unchanged", JSON.createArrayBuilder(preview.unchanged()))
                .add("notInFile", JSON.createArrayBuilder(preview.notInFile()))
                .build()).build();
    }
}
