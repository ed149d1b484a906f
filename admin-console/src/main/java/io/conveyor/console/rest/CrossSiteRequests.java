package io.conveyor.console.rest;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.ext.Provider;
import java.net.URI;
import java.util.Set;

/**
 * Refuses, with 403, a request that changes something and that a browser sent on behalf of another site. A browser
 * signed in to the console sends its Basic credentials with every request to this server, also with a form another
 * site makes it submit; such a request carries {@code Sec-Fetch-Site: cross-site} (or {@code same-site}), or an
 * {@code Origin} that is not this server. Reads, the console's own requests and clients that are not browsers (no
 * {@code Origin}, no {@code Sec-Fetch-Site}, as curl and HTTP libraries) pass.
 */
@Provider
@PreMatching
public class CrossSiteRequests implements ContainerRequestFilter {

    private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS");
    /** What {@code Sec-Fetch-Site} says for requests this server's own pages, or the user, made. */
    private static final Set<String> OWN = Set.of("same-origin", "none");

    @Override
    public void filter(ContainerRequestContext request) {
        if (READS.contains(request.getMethod())) {
            return;
        }
        String site = request.getHeaderString("Sec-Fetch-Site");
        String origin = request.getHeaderString("Origin");
        if ((site != null && !OWN.contains(site)) || (origin != null && !sameServer(origin, request.getHeaderString("Host")))) {
            request.abortWith(ErrorResponses.answer(403, "a browser request from another site (Origin " + origin
                    + ", Sec-Fetch-Site " + site + ") may not change anything here", null));
        }
    }

    /** Whether {@code origin} ({@code scheme://host[:port]}) names the server the request was sent to. */
    private static boolean sameServer(String origin, String host) {
        try {
            URI uri = URI.create(origin);
            return host != null && uri.getRawAuthority() != null && uri.getRawAuthority().equalsIgnoreCase(host);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
