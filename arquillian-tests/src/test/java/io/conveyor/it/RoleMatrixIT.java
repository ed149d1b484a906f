package io.conveyor.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.conveyor.console.rest.Roles;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.as.arquillian.container.ManagementClient;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Who may call what: every operation of the REST API against every role, on a real WildFly whose Elytron properties
 * realm holds one test user per role ({@link TestUser}). {@link #RULES} is the role matrix of docs/operations.md
 * (Security); an operation added to the API without a rule here fails {@link #everyOperationHasARule}.
 */
@RunAsClient
@ExtendWith(ArquillianExtension.class)
class RoleMatrixIT {

    private static final String[] VIEWERS = {Roles.VIEWER, Roles.OPERATOR, Roles.ADMIN};

    /** Each operation and the roles that may call it. */
    private static final Map<String, Set<String>> RULES = Map.ofEntries(
            rule("GET /api/adapters", VIEWERS),
            rule("GET /api/adapters/{transportType}", VIEWERS),
            rule("GET /api/audit", Roles.OPERATOR, Roles.ADMIN),
            rule("GET /api/bindings", VIEWERS),
            rule("POST /api/bindings", Roles.ADMIN),
            rule("POST /api/bindings/preview", Roles.ADMIN),
            rule("POST /api/messages", Roles.PUBLISHER),
            rule("GET /api/messages/{id}", VIEWERS),
            rule("GET /api/messages/{id}/response", Roles.PUBLISHER, Roles.ADMIN),
            rule("GET /api/messages/{id}/body", Roles.OPERATOR, Roles.ADMIN),
            rule("GET /api/me", Roles.VIEWER, Roles.OPERATOR, Roles.ADMIN, Roles.PUBLISHER),
            rule("GET /api/messages/{id}/history", VIEWERS),
            rule("GET /api/ports", VIEWERS),
            rule("POST /api/ports", Roles.ADMIN),
            rule("GET /api/ports/{name}", VIEWERS),
            rule("PUT /api/ports/{name}", Roles.ADMIN),
            rule("PUT /api/ports/{name}/state", Roles.OPERATOR, Roles.ADMIN),
            rule("DELETE /api/ports/{name}", Roles.ADMIN),
            rule("GET /api/servers", VIEWERS),
            rule("GET /api/statistics/deliveries", VIEWERS),
            rule("GET /api/suspended", VIEWERS),
            rule("GET /api/suspended/count", VIEWERS),
            rule("POST /api/suspended/resume", Roles.OPERATOR, Roles.ADMIN),
            rule("POST /api/suspended/terminate", Roles.OPERATOR, Roles.ADMIN),
            rule("GET /api/tracking", VIEWERS),
            rule("GET /api/tracking/bodies/{messageId}", Roles.OPERATOR, Roles.ADMIN),
            rule("GET /api/tracking/bodies/{messageId}/{part}", Roles.OPERATOR, Roles.ADMIN),
            rule("GET /api/work-items", VIEWERS),
            rule("GET /api/work-items/counts", VIEWERS));

    /** The users the matrix tries, one per role and one with none; {@link TestUser#ALL} is not a role of its own. */
    private static final List<TestUser> USERS = List.of(TestUser.VIEWER, TestUser.OPERATOR, TestUser.ADMIN,
            TestUser.PUBLISHER, TestUser.NO_ROLE);

    private static final String WRONG_PASSWORD = "Basic " + Base64.getEncoder()
            .encodeToString("test-admin:not-the-password".getBytes(StandardCharsets.UTF_8));

    /** No credentials here: each request carries its own, or none. */
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @ArquillianResource
    ManagementClient management;
    private URI server;

    @Deployment
    static EnterpriseArchive deployment() {
        return ConveyorDeployment.ear(RoleMatrixIT.class);
    }

    @BeforeEach
    void locateServer() {
        server = management.getWebUri();
    }

    @Test
    @DisplayName("every REST operation has a rule in the role matrix, and every rule is an operation of the API")
    void everyOperationHasARule() {
        List<String> operations = ApiResources.operations().stream().map(ApiResources.Operation::toString).toList();
        assertThat(operations).as("operations without a rule in RoleMatrixIT.RULES").allMatch(RULES::containsKey);
        assertThat(RULES.keySet()).as("rules for operations the API does not have").allMatch(operations::contains);
    }

    @Test
    @DisplayName("every REST operation × every role: 401 without credentials or with a wrong password, 403 naming the roles for a role it does not allow, served for one it allows")
    void roleMatrix() throws Exception {
        List<String> wrong = new ArrayList<>();
        for (ApiResources.Operation operation : ApiResources.operations()) {
            Set<String> allowed = RULES.get(operation.toString());
            expect(wrong, operation, "no credentials", send(operation, null), 401);
            expect(wrong, operation, "a wrong password", send(operation, WRONG_PASSWORD), 401);
            for (TestUser user : USERS) {
                HttpResponse<String> answer = send(operation, user.authorization());
                boolean mayCall = user.roles.stream().anyMatch(allowed::contains);
                if (mayCall) {
                    if (answer.statusCode() == 401 || answer.statusCode() == 403 || answer.statusCode() >= 500) {
                        wrong.add(operation + " as " + user.name + ": " + answer.statusCode() + " " + answer.body());
                    }
                } else {
                    expect(wrong, operation, user.name, answer, 403);
                    if (answer.statusCode() == 403) {
                        assertThat(json(answer.body()).getString("error")).as(operation + " as " + user.name)
                                .contains(user.name).contains(allowed.toArray(String[]::new));
                    }
                }
            }
        }
        assertThat(wrong).as("answers that break the role matrix").isEmpty();
    }

    @Test
    @DisplayName("the REST API answers over HTTPS (WildFly's TLS listener), with the same authentication")
    void https() throws Exception {
        URI api = URI.create("https://" + server.getHost() + ":" + (server.getPort() - 8080 + 8443) + "/api/ports");
        assertThat(httpsStatus(api, null)).isEqualTo(401);
        assertThat(httpsStatus(api, TestUser.VIEWER.authorization())).isEqualTo(200);
    }

    @Test
    @DisplayName("a change a browser sends on behalf of another site is refused with 403 even with valid credentials, and changes nothing; the same request from this server's own page passes")
    void crossSiteRequestsRefused() throws Exception {
        String port = "{\"name\":\"cross-site-" + System.nanoTime() + "\",\"filter\":\"Customer = 'cross-site'\","
                + "\"primaryTransport\":{\"adapter\":\"HTTP\",\"address\":\"http://127.0.0.1:9/cross-site\"}}";
        Map<String, String> foreign = Map.of("Origin", "http://elsewhere.example", "Sec-Fetch-Site", "cross-site");
        for (Map.Entry<String, String> header : foreign.entrySet()) {
            HttpResponse<String> refused = HTTP.send(TestUser.ADMIN.sign(HttpRequest.newBuilder(server.resolve("/api/ports")))
                    .header("Content-Type", "application/json").header(header.getKey(), header.getValue())
                    .POST(HttpRequest.BodyPublishers.ofString(port)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(refused.statusCode()).as(header + ": " + refused.body()).isEqualTo(403);
            assertThat(json(refused.body()).getString("error")).contains("another site");
        }
        String name = json(port).getString("name");
        assertThat(HTTP.send(TestUser.ADMIN.sign(HttpRequest.newBuilder(server.resolve("/api/ports/" + name))).GET().build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(404);

        String own = "http://" + server.getHost() + ":" + server.getPort();
        HttpResponse<String> created = HTTP.send(TestUser.ADMIN.sign(HttpRequest.newBuilder(server.resolve("/api/ports")))
                .header("Content-Type", "application/json").header("Origin", own).header("Sec-Fetch-Site", "same-origin")
                .POST(HttpRequest.BodyPublishers.ofString(port)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        HTTP.send(TestUser.ADMIN.sign(HttpRequest.newBuilder(server.resolve("/api/ports/" + name))).DELETE().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static void expect(List<String> wrong, ApiResources.Operation operation, String who,
                               HttpResponse<String> answer, int status) {
        if (answer.statusCode() != status) {
            wrong.add(operation + " with " + who + ": " + answer.statusCode() + " instead of " + status + " " + answer.body());
        }
    }

    /**
     * The operation with harmless arguments: unknown names and identities, and bodies that are not valid JSON, so that
     * an allowed caller gets an answer about its input (400, 404, ...) and nothing changes.
     */
    private HttpResponse<String> send(ApiResources.Operation operation, String authorization) throws Exception {
        String path = operation.path().replace("{transportType}", "FILE").replace("{id}", "role-matrix-no-such-message")
                .replace("{name}", "role-matrix-no-such-port").replaceAll("\\{[^}]+}", "role-matrix-no-such-thing");
        HttpRequest.Builder request = HttpRequest.newBuilder(server.resolve(path)).timeout(Duration.ofSeconds(30));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        if (operation.verb().equals("POST") || operation.verb().equals("PUT")) {
            request.header("Content-Type", "application/json").header("Conveyor-Properties", "not json")
                    .method(operation.verb(), HttpRequest.BodyPublishers.ofString("not json"));
        } else {
            request.method(operation.verb(), HttpRequest.BodyPublishers.noBody());
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The status of a GET over TLS, trusting the server's self-signed development certificate. */
    private static int httpsStatus(URI uri, String authorization) throws Exception {
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, new TrustManager[] {new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        }}, null);
        HttpsURLConnection connection = (HttpsURLConnection) uri.toURL().openConnection();
        connection.setSSLSocketFactory(tls.getSocketFactory());
        connection.setHostnameVerifier((host, session) -> true);
        connection.setConnectTimeout(10_000);
        connection.setReadTimeout(30_000);
        if (authorization != null) {
            connection.setRequestProperty("Authorization", authorization);
        }
        try {
            return connection.getResponseCode();
        } finally {
            connection.disconnect();
        }
    }

    private static Map.Entry<String, Set<String>> rule(String operation, String... roles) {
        return Map.entry(operation, new HashSet<>(Stream.of(roles).toList()));
    }

    private static JsonObject json(String body) {
        try (JsonReader reader = Json.createReader(new StringReader(body))) {
            return reader.readObject();
        }
    }
}
