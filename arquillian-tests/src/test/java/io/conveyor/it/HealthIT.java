package io.conveyor.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
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
 * The engine's health, as a load balancer or an orchestrator reads it from WildFly's {@code /health} on the management
 * interface: the MessageBox, the adapters and the suspended queue as readiness checks beside WildFly's own.
 */
@RunAsClient
@ExtendWith(ArquillianExtension.class)
class HealthIT {

    private static final HttpClient HTTP = TestUser.ALL.client().connectTimeout(Duration.ofSeconds(10)).build();
    private static final String MAX_SUSPENDED = "conveyor.health.maxSuspended";

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private boolean thresholdSet;
    private URI api;
    private URI health;

    @ArquillianResource
    ManagementClient management;

    @Deployment
    static EnterpriseArchive deployment() {
        return ConveyorDeployment.ear(HealthIT.class);
    }

    @BeforeEach
    void addresses() {
        api = management.getWebUri().resolve("/api/");
        health = URI.create("http://" + management.getMgmtAddress() + ":" + management.getMgmtPort() + "/health/");
    }

    @AfterEach
    void removeThreshold() throws IOException {
        if (thresholdSet) {
            management.getControllerClient().execute(systemProperty("remove", null));
        }
    }

    @Test
    @DisplayName("readiness reports the MessageBox, the adapters and the suspended queue, with what they saw; liveness is up")
    void readinessChecks() throws Exception {
        Map<String, JsonObject> checks = checks(get(health.resolve("ready")).body());

        assertThat(checks.get("conveyor-messagebox").getString("status")).isEqualTo("UP");
        assertThat(checks.get("conveyor-messagebox").getJsonObject("data").getString("database")).isEqualTo("H2");
        JsonObject adapters = checks.get("conveyor-adapters");
        assertThat(adapters.getJsonObject("data").getString("FILE")).isNotBlank();
        assertThat(adapters.getString("status")).as("down exactly when an adapter has failed: " + adapters)
                .isEqualTo(adapters.getJsonObject("data").containsValue(Json.createValue("FAILED")) ? "DOWN" : "UP");
        assertThat(checks.get("conveyor-suspended-queue").getJsonObject("data").getJsonNumber("threshold").longValue())
                .isEqualTo(1000);
        assertThat(get(health.resolve("live")).statusCode()).isEqualTo(200);
    }

    @Test
    @DisplayName("an adapter that fails to be created takes the adapters check down, and readiness answers 503")
    void failedAdapterIsDown() throws Exception {
        stoppedOrStartedPort("PROBE_NEITHER", "STARTED");
        publish();

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            HttpResponse<String> ready = get(health.resolve("ready"));
            JsonObject adapters = checks(ready.body()).get("conveyor-adapters");
            assertThat(adapters.getJsonObject("data").getString("PROBE_NEITHER")).isEqualTo("FAILED");
            assertThat(adapters.getString("status")).isEqualTo("DOWN");
            assertThat(ready.statusCode()).isEqualTo(503);
        });
    }

    @Test
    @DisplayName("the suspended queue check is down once the queue holds more than conveyor.health.maxSuspended")
    void suspendedQueueAboveThreshold() throws Exception {
        long suspended = suspendedCheck().getJsonObject("data").getJsonNumber("suspended").longValue();
        ModelNode result = management.getControllerClient().execute(systemProperty("add", Long.toString(suspended)));
        assertThat(result.get("outcome").asString()).as(result.toString()).isEqualTo("success");
        thresholdSet = true;
        assertThat(suspendedCheck().getString("status")).isEqualTo("UP");

        stoppedOrStartedPort("PROBE_SINGLE", "STOPPED");
        publish();

        HttpResponse<String> ready = get(health.resolve("ready"));
        assertThat(ready.statusCode()).as(ready.body()).isEqualTo(503);
        JsonObject check = checks(ready.body()).get("conveyor-suspended-queue");
        assertThat(check.getString("status")).isEqualTo("DOWN");
        assertThat(check.getJsonObject("data").getJsonNumber("suspended").longValue()).isEqualTo(suspended + 1);
    }

    private JsonObject suspendedCheck() throws IOException, InterruptedException {
        return checks(get(health.resolve("ready")).body()).get("conveyor-suspended-queue");
    }

    private void stoppedOrStartedPort(String adapter, String state) throws IOException, InterruptedException {
        String port = Json.createObjectBuilder().add("name", "health-" + run).add("filter", "Customer = '" + run + "'")
                .add("state", state).add("primaryTransport", Json.createObjectBuilder().add("adapter", adapter)
                        .add("address", "probe://health")).build().toString();
        HttpResponse<String> created = send(HttpRequest.newBuilder(api.resolve("ports"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(port)));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    }

    private void publish() throws IOException, InterruptedException {
        HttpResponse<String> published = send(HttpRequest.newBuilder(api.resolve("messages"))
                .header("Conveyor-Properties", "{\"Customer\":\"" + run + "\"}")
                .POST(HttpRequest.BodyPublishers.ofString("for the health checks")));
        assertThat(published.statusCode()).as(published.body()).isEqualTo(201);
    }

    private static ModelNode systemProperty(String operation, String value) {
        ModelNode node = new ModelNode();
        node.get("operation").set(operation);
        node.get("address").add("system-property", MAX_SUSPENDED);
        if (value != null) {
            node.get("value").set(value);
        }
        return node;
    }

    private static Map<String, JsonObject> checks(String body) {
        try (JsonReader reader = Json.createReader(new StringReader(body))) {
            return reader.readObject().getJsonArray("checks").getValuesAs(JsonObject.class).stream()
                    .collect(Collectors.toMap(c -> c.getString("name"), c -> c, (a, b) -> a));
        }
    }

    private static HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri).GET());
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return HTTP.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
