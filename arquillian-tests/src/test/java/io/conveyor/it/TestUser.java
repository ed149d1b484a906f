package io.conveyor.it;

import io.conveyor.console.rest.Roles;
import java.net.Authenticator;
import java.net.PasswordAuthentication;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * The REST API users of the test servers, one per role, from {@code src/test/server/standalone/configuration}
 * (WildFly's properties realm; test-only passwords). {@link #ALL} is the user the suite's other tests act as.
 */
enum TestUser {

    VIEWER("test-viewer", "viewer-password-1", Roles.VIEWER),
    OPERATOR("test-operator", "operator-password-1", Roles.OPERATOR),
    ADMIN("test-admin", "admin-password-1", Roles.ADMIN),
    PUBLISHER("test-publisher", "publisher-password-1", Roles.PUBLISHER),
    OTHER_PUBLISHER("test-publisher-2", "publisher-password-2", Roles.PUBLISHER),
    /** Authenticated, in no group: may call nothing. */
    NO_ROLE("test-no-role", "no-role-password-1"),
    /** An administrator who also publishes. */
    ALL("test-all", "all-password-1", Roles.ADMIN, Roles.PUBLISHER);

    final String name;
    final String password;
    final List<String> roles;

    TestUser(String name, String password, String... roles) {
        this.name = name;
        this.password = password;
        this.roles = List.of(roles);
    }

    /** The value of an {@code Authorization} header with this user's Basic credentials. */
    String authorization() {
        return "Basic " + Base64.getEncoder().encodeToString((name + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** The request with this user's credentials. */
    HttpRequest.Builder sign(HttpRequest.Builder request) {
        return request.header("Authorization", authorization());
    }

    /** A client builder that answers the server's Basic challenges as this user. */
    HttpClient.Builder client() {
        return HttpClient.newBuilder().authenticator(new Authenticator() {
            @Override
            protected PasswordAuthentication getPasswordAuthentication() {
                return new PasswordAuthentication(name, password.toCharArray());
            }
        });
    }
}
