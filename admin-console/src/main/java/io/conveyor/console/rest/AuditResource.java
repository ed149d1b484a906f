package io.conveyor.console.rest;

import static io.conveyor.console.rest.JsonProviders.JSON;

import io.conveyor.engine.api.ValidationException;
import io.conveyor.engine.messagebox.AuditAction;
import io.conveyor.engine.messagebox.AuditLog;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Arrays;
import java.util.Locale;

/**
 * {@code /api/audit}: the audit trail of administrative changes, newest first, by actor, action, target (each an exact
 * match) and time ({@code since} inclusive, {@code until} exclusive, ISO-8601 instants). Operators and administrators
 * read it: who resumed, terminated or changed what.
 */
@RequestScoped
@Path("/audit")
@Produces(MediaType.APPLICATION_JSON)
public class AuditResource {

    @Inject
    AuditLog audit;

    @RolesAllowed({Roles.OPERATOR, Roles.ADMIN})
    @GET
    public Response find(@QueryParam("actor") String actor, @QueryParam("action") String action,
                         @QueryParam("target") String target, @QueryParam("since") String since,
                         @QueryParam("until") String until, @QueryParam("limit") String limit) {
        AuditLog.Query query = new AuditLog.Query(QueryParameters.text(actor), action(action),
                QueryParameters.text(target), QueryParameters.instant(since, "since"),
                QueryParameters.instant(until, "until"), QueryParameters.limit(limit));
        if (query.since() != null && query.until() != null && !query.since().isBefore(query.until())) {
            throw new ValidationException("until", "must be later than since");
        }
        JsonArrayBuilder entries = JSON.createArrayBuilder();
        audit.find(query).forEach(entry -> entries.add(JsonViews.auditEntry(entry)));
        return Response.ok(entries.build()).build();
    }

    private static AuditAction action(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return AuditAction.valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ValidationException("action", "'" + text + "' is not one of " + Arrays.toString(AuditAction.values()));
        }
    }
}
