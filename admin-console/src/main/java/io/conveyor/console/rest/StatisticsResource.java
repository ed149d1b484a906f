package io.conveyor.console.rest;

import static io.conveyor.console.rest.JsonProviders.JSON;

import io.conveyor.engine.runtime.DeliveriesPerMinute;
import io.conveyor.engine.runtime.ServerIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * {@code /api/statistics/deliveries}: this server's committed deliveries, failed delivery attempts and suspensions per
 * minute over the last hour, oldest first, from the engine's in-memory counters (empty at each start; a server
 * sharing the MessageBox counts its own).
 */
@RequestScoped
@Path("/statistics")
@Produces(MediaType.APPLICATION_JSON)
public class StatisticsResource {

    @Inject
    DeliveriesPerMinute perMinute;
    @Inject
    ServerIdentity server;

    @RolesAllowed({Roles.VIEWER, Roles.OPERATOR, Roles.ADMIN})
    @GET
    @Path("/deliveries")
    public Response deliveries() {
        JsonArrayBuilder minutes = JSON.createArrayBuilder();
        for (DeliveriesPerMinute.Minute minute : perMinute.lastHour()) {
            minutes.add(JSON.createObjectBuilder().add("minute", minute.start().toString())
                    .add("delivered", minute.delivered()).add("failed", minute.failed())
                    .add("suspended", minute.suspended()));
        }
        return Response.ok(JSON.createObjectBuilder().add("server", server.id())
                .add("countingSince", perMinute.countingSince().toString()).add("minutes", minutes).build()).build();
    }
}
