package io.conveyor.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import java.io.IOException;
import java.io.StringReader;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.as.arquillian.container.ManagementClient;
import org.jboss.dmr.ModelNode;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Secrets handled like secrets: an HTTP port with Basic authentication delivers and fails, and then no API answer
 * (ports, bindings, work items, the suspended queue, messages, adapters) and no line of the server log holds its
 * password; a password kept in a WildFly credential store is delivered from there, and a missing entry is reported.
 */
@RunAsClient
@ExtendWith(ArquillianExtension.class)
class SecretsIT {

    private static final HttpClient HTTP = TestUser.ALL.client().connectTimeout(Duration.ofSeconds(10)).build();
    private static final String USER = "acme";

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    /**
     * A credential store of this test's own, left in place afterwards: removing one puts the server in
     * reload-required, and a name cannot be used again until a reload.
     */
    private final String store = "conveyor-secrets-it-" + run;
    /** The partner's password, and the one the credential store holds for it. */
    private final String password = "Pw-" + run + "-right";
    private final String storedPassword = "Cs-" + run + "-stored";
    private final String wrongPassword = "Pw-" + run + "-wrong";
    private final Map<String, String> accepted = new ConcurrentHashMap<>();
    private HttpServer partner;

    @ArquillianResource
    ManagementClient management;
    private URI api;

    @Deployment
    static EnterpriseArchive deployment() {
        return ConveyorDeployment.ear(SecretsIT.class);
    }

    /**
     * The partner accepts the right credentials and refuses others with a 401 whose body quotes what it received, as
     * a careless partner might: the engine must not store or log that quote as it is.
     */
    @BeforeEach
    void startPartner() throws IOException {
        api = management.getWebUri().resolve("/api/");
        partner = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        partner.createContext("/guarded", exchange -> {
            exchange.getRequestBody().readAllBytes();
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            String credentials = authorization == null ? "" : new String(Base64.getDecoder()
                    .decode(authorization.substring("Basic ".length())), StandardCharsets.UTF_8);
            if (credentials.equals(USER + ":" + password) || credentials.equals(USER + ":" + storedPassword)) {
                accepted.put(exchange.getRequestHeaders().getFirst("Conveyor-Message-Id"), credentials);
                answer(exchange, 202, "");
            } else {
                answer(exchange, 401, "bad credentials " + credentials + " (password=" + credentials.substring(
                        credentials.indexOf(':') + 1) + ")");
            }
        });
        partner.start();
    }

    private void createCredentialStore() throws IOException {
        ModelNode add = operation("add");
        add.get("path").set("secrets-it-" + run + ".cs");
        add.get("relative-to").set("jboss.server.data.dir");
        add.get("create").set(true);
        add.get("credential-reference", "clear-text").set("store-" + run);
        execute(add);
        ModelNode alias = operation("add-alias");
        alias.get("alias").set("partner");
        alias.get("secret-value").set(storedPassword);
        execute(alias);
    }

    @AfterEach
    void stopPartner() {
        partner.stop(0);
    }

    @Test
    @DisplayName("a Basic password is in no API answer, bindings export or log line after a delivery, a failure and a round trip")
    void basicPasswordNeverShown() throws Exception {
        String good = "good-" + run;
        String bad = "bad-" + run;
        createPort(good, password);
        createPort(bad, wrongPassword);
        String delivered = publish(good);
        String refused = publish(bad);

        InContainerSupport.eventually().until(() -> accepted.containsKey(delivered));
        InContainerSupport.eventually().until(() -> get("suspended?port=" + bad).body().contains(refused));
        JsonObject suspended = json("{\"items\":" + get("suspended?port=" + bad).body() + "}").getJsonArray("items")
                .getJsonObject(0);
        assertThat(suspended.getString("errorText")).as("the partner's quote, cleaned").contains("401")
                .contains("bad credentials " + USER + ":********").doesNotContain(wrongPassword);
        assertThat(json(get("ports/" + good).body()).getJsonObject("primaryTransport").getJsonObject("properties")
                .getString("password")).isEqualTo("********");

        HttpResponse<String> exported = get("bindings");
        HttpResponse<String> imported = HTTP.send(HttpRequest.newBuilder(api.resolve("bindings"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(exported.body()))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(imported.statusCode()).as(imported.body()).isEqualTo(200);
        String again = publish(good);
        InContainerSupport.eventually().until(() -> accepted.containsKey(again));
        assertThat(accepted.get(again)).as("the password kept through export and import").isEqualTo(USER + ":" + password);

        List<String> answers = new ArrayList<>();
        for (String path : List.of("ports", "ports/" + good, "ports/" + bad, "bindings", "work-items",
                "work-items?port=" + bad, "suspended", "messages/" + refused, "adapters", "adapters/HTTP")) {
            HttpResponse<String> answer = get(path);
            assertThat(answer.statusCode()).as(path).isEqualTo(200);
            answers.add(path + " -> " + answer.body());
        }
        assertThat(answers).allSatisfy(answer -> assertThat(answer).doesNotContain(password).doesNotContain(wrongPassword));
        assertThat(serverLog()).as("the server log").doesNotContain(password).doesNotContain(wrongPassword)
                .contains(refused);
    }

    @Test
    @DisplayName("a credential store reference is shown as written, delivered as the entry's password; a missing entry names the property")
    void credentialStoreReference() throws Exception {
        String name = "stored-" + run;
        createCredentialStore();
        String reference = "{credential-store:" + store + "/partner}";
        createPort(name, reference);

        String delivered = publish(name);
        InContainerSupport.eventually().until(() -> accepted.containsKey(delivered));
        assertThat(accepted.get(delivered)).isEqualTo(USER + ":" + storedPassword);
        assertThat(json(get("ports/" + name).body()).getJsonObject("primaryTransport").getJsonObject("properties")
                .getString("password")).isEqualTo(reference);

        HttpResponse<String> missing = createPortRaw("missing-" + run, "{credential-store:" + store + "/nobody}");
        assertThat(missing.statusCode()).as(missing.body()).isEqualTo(400);
        assertThat(json(missing.body()).getString("field")).isEqualTo("primaryTransport.properties.password");
        assertThat(json(missing.body()).getString("error")).contains("'nobody'").contains("'" + store + "'");
        HttpResponse<String> noStore = createPortRaw("no-store-" + run, "{credential-store:absent-" + run + "/partner}");
        assertThat(noStore.statusCode()).as(noStore.body()).isEqualTo(400);
        assertThat(json(noStore.body()).getString("error")).contains("absent-" + run);

        ModelNode remove = operation("remove-alias");
        remove.get("alias").set("partner");
        execute(remove);
        String unresolved = publish(name);
        InContainerSupport.eventually().until(() -> get("suspended?port=" + name).body().contains(unresolved));
        assertThat(get("suspended?port=" + name).body()).as("a delivery failure following the failure ladder")
                .contains("has no password entry 'partner'");

        for (String path : List.of("ports", "ports/" + name, "bindings", "suspended", "messages/" + unresolved)) {
            assertThat(get(path).body()).as(path).doesNotContain(storedPassword);
        }
        assertThat(serverLog()).doesNotContain(storedPassword);
    }

    private ModelNode operation(String name) {
        ModelNode operation = new ModelNode();
        operation.get("operation").set(name);
        operation.get("address").add("subsystem", "elytron").add("credential-store", store);
        return operation;
    }

    private void execute(ModelNode operation) throws IOException {
        ModelNode result = management.getControllerClient().execute(operation);
        assertThat(result.get("outcome").asString()).as(result.toString()).isEqualTo("success");
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private void createPort(String name, String portPassword) throws Exception {
        HttpResponse<String> created = createPortRaw(name, portPassword);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    }

    private HttpResponse<String> createPortRaw(String name, String portPassword) throws Exception {
        JsonObjectBuilder properties = Json.createObjectBuilder().add("username", USER).add("password", portPassword);
        String port = Json.createObjectBuilder().add("name", name).add("filter", "Customer = '" + name + "'")
                .add("primaryTransport", Json.createObjectBuilder().add("adapter", "HTTP")
                        .add("address", "http://127.0.0.1:" + partner.getAddress().getPort() + "/guarded")
                        .add("retryCount", 0).add("properties", properties)).build().toString();
        return HTTP.send(HttpRequest.newBuilder(api.resolve("ports")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(port)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private String publish(String customer) throws Exception {
        HttpResponse<String> published = HTTP.send(HttpRequest.newBuilder(api.resolve("messages"))
                .header("Content-Type", "text/plain").header("Conveyor-Properties", "{\"Customer\":\"" + customer + "\"}")
                .POST(HttpRequest.BodyPublishers.ofString("order")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(published.statusCode()).as(published.body()).isEqualTo(201);
        return json(published.body()).getString("messageId");
    }

    private HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(api.resolve(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The test server's log: its base directory is the one Arquillian starts it with (conveyor.server.base). */
    private static String serverLog() throws IOException {
        return Files.readString(Path.of(System.getProperty("conveyor.server.base"), "log", "server.log"));
    }

    private static JsonObject json(String body) {
        try (JsonReader reader = Json.createReader(new StringReader(body))) {
            return reader.readObject();
        }
    }
}
