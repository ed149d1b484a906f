package io.conveyor.http;

import java.io.IOException;
import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Which redirects an exchange follows. None unless the endpoint's {@code followRedirects} is on: a redirect answered
 * to a POST or PUT is a failure for the failure ladder, never a delivery (a client following a 301, 302 or 303 would
 * send a GET without the body, and the message would be deleted as sent). With {@code followRedirects}, a 307 or 308
 * (which keep the method and body) whose {@code Location} has the same origin (scheme, host and port) is sent again,
 * at most {@value #MAX_HOPS} times; so credentials never go to another origin.
 */
final class RedirectPolicy {

    /** Most redirects followed in one exchange. */
    static final int MAX_HOPS = 5;

    private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);
    private static final Set<Integer> FOLLOWABLE = Set.of(307, 308);

    private final boolean followRedirects;

    RedirectPolicy(boolean followRedirects) {
        this.followRedirects = followRedirects;
    }

    /** Whether the status asks the client to send the request elsewhere (301, 302, 303, 307, 308). */
    static boolean isRedirect(int status) {
        return REDIRECTS.contains(status);
    }

    /**
     * Where to send the request next.
     *
     * @param from     where the redirect came from
     * @param location the answer's {@code Location} header, if any
     * @param hops     redirects already followed in this exchange
     * @throws IOException saying why the redirect is not followed
     */
    URI next(URI from, int status, Optional<String> location, int hops) throws IOException {
        if (!followRedirects) {
            throw new IOException("not followed: followRedirects is off");
        }
        if (!FOLLOWABLE.contains(status)) {
            throw new IOException("not followed: only 307 and 308 keep the method and body");
        }
        if (location.isEmpty()) {
            throw new IOException("not followed: the answer has no Location");
        }
        if (hops >= MAX_HOPS) {
            throw new IOException("not followed: more than " + MAX_HOPS + " redirects");
        }
        URI target;
        try {
            target = from.resolve(location.get().trim());
        } catch (IllegalArgumentException e) {
            throw new IOException("not followed: the Location is not a URL", e);
        }
        if (!sameOrigin(from, target)) {
            throw new IOException("not followed: the Location is on another origin (scheme, host and port)");
        }
        return target;
    }

    /** Same scheme, host and port, a missing port being the scheme's default. */
    static boolean sameOrigin(URI first, URI second) {
        return first.getScheme() != null && first.getScheme().equalsIgnoreCase(second.getScheme())
                && first.getHost() != null && second.getHost() != null
                && first.getHost().equalsIgnoreCase(second.getHost())
                && port(first) == port(second);
    }

    private static int port(URI uri) {
        if (uri.getPort() != -1) {
            return uri.getPort();
        }
        return "https".equals(uri.getScheme().toLowerCase(Locale.ROOT)) ? 443 : 80;
    }
}
