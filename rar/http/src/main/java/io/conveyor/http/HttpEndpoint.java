package io.conveyor.http;

import io.conveyor.adapter.InvalidEndpointException;
import io.conveyor.adapter.PropertyBag;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;

/**
 * Where and how one message is sent: the URI (an {@code http://} or {@code https://} address), the method, the
 * deadline of the whole exchange, the Basic credentials and whether same-origin 307/308 redirects are followed, the
 * endpoint properties overriding the handler's defaults.
 */
record HttpEndpoint(URI uri, String method, Duration timeout, String authorization, boolean followRedirects) {

    static final String METHOD = "method";
    static final String REQUEST_TIMEOUT = "requestTimeoutSeconds";
    static final String USERNAME = "username";
    static final String PASSWORD = "password";
    static final String FOLLOW_REDIRECTS = "followRedirects";

    /**
     * Reads an endpoint.
     *
     * @throws InvalidEndpointException naming {@code address} or the endpoint property at fault
     */
    static HttpEndpoint of(String address, PropertyBag properties, HttpHandlerSettings defaults) throws InvalidEndpointException {
        URI uri = uri(address);
        String method = properties.readString(METHOD, "POST").trim().toUpperCase(Locale.ROOT);
        if (!method.equals("POST") && !method.equals("PUT")) {
            throw new InvalidEndpointException(METHOD, "'" + method + "' is not POST or PUT");
        }
        int timeout = properties.readInt(REQUEST_TIMEOUT, (int) defaults.requestTimeout().toSeconds());
        if (timeout < 1 || timeout > 3600) {
            throw new InvalidEndpointException(REQUEST_TIMEOUT, timeout + " is not between 1 and 3600");
        }
        String username = properties.readString(USERNAME, defaults.username());
        String password = properties.readString(PASSWORD, defaults.password());
        String authorization = username == null || username.isBlank() ? null : "Basic " + Base64.getEncoder()
                .encodeToString((username + ":" + (password == null ? "" : password)).getBytes(StandardCharsets.UTF_8));
        boolean followRedirects = properties.readBoolean(FOLLOW_REDIRECTS, defaults.followRedirects());
        return new HttpEndpoint(uri, method, Duration.ofSeconds(timeout), authorization, followRedirects);
    }

    /**
     * The address as a URI: {@code http://} or {@code https://} with a host, and no credentials in it (they would be
     * shown and logged wherever the address is; they belong in the masked {@code password} property).
     */
    static URI uri(String address) throws InvalidEndpointException {
        if (address == null || address.isBlank()) {
            throw new InvalidEndpointException("address", "address is required");
        }
        if (carriesCredentials(address)) {
            throw new InvalidEndpointException("address", "the address carries credentials (user@ or user:password@);"
                    + " set them in the endpoint's username and password properties, where the password is masked");
        }
        try {
            URI uri = new URI(address.trim());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
                throw new InvalidEndpointException("address", "'" + address + "' is not an http:// or https:// URL with a host");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new InvalidEndpointException("address", "'" + address + "' is not a URL: " + e.getReason());
        }
    }

    /** Whether the authority of the address (between {@code ://} and the path) has a user part, before any parsing. */
    private static boolean carriesCredentials(String address) {
        int start = address.indexOf("://");
        if (start < 0) {
            return false;
        }
        int end = start + 3;
        while (end < address.length() && "/?#".indexOf(address.charAt(end)) < 0) {
            end++;
        }
        return address.substring(start + 3, end).contains("@");
    }
}
