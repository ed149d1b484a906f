package io.conveyor.console.rest;

import static io.conveyor.console.rest.JsonProviders.JSON;

import io.conveyor.engine.messagebox.ServerStore;
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
 * {@code /api/servers}: the servers sharing the MessageBox (membership), by identity, each with its state, start time,
 * last heartbeat and how many work items it holds in process; the server answering is marked {@code self}.
 */
@RequestScoped
@Path("/servers")
@Produces(MediaType.APPLICATION_JSON)
public class ServersResource {

    @Inject
    ServerStore servers;
    @Inject
    ServerIdentity server;

    @RolesAllowed({Roles.VIEWER, Roles.OPERATOR, Roles.ADMIN})
    @GET
    public Response list() {
        JsonArrayBuilder members = JSON.createArrayBuilder();
        for (ServerStore.Member member : servers.members()) {
            members.add(JSON.createObjectBuilder().add("id", member.id()).add("state", member.state().name())
                    .add("startedAt", member.startedAt().toString())
                    .add("lastHeartbeat", member.lastHeartbeat().toString())
                    .add("inProcess", member.inProcess()).add("self", member.id().equals(server.id())));
        }
        return Response.ok(members.build()).build();
    }
}
