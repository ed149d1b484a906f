package io.conveyor.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.as.arquillian.container.ManagementClient;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The audit trail through the REST API: every kind of administrative change appears in {@code GET /api/audit} with its
 * actor, time, target and details; a refused change leaves no row; the filters work and bad ones are answered 400;
 * no secret (masked endpoint property, password in an address) reaches the trail.
 */
@Tag("messagebox")
@RunAsClient
@ExtendWith(ArquillianExtension.class)
class AuditIT {

    /** Who these requests are recorded as: the user the client authenticates as. */
    private static final String CALLER = TestUser.ALL.name;
    private static final HttpClient HTTP = TestUser.ALL.client().connectTimeout(Duration.ofSeconds(10)).build();

    private final String run = UUID.randomUUID().toString().substring(0, 8);

    @ArquillianResource
    ManagementClient management;
    private URI api;

    @Deployment
    static EnterpriseArchive deployment() {
        return ConveyorDeployment.ear(AuditIT.class);
    }

    @BeforeEach
    void locateApi() {
        api = management.getWebUri().resolve("/api/");
    }

    @Test
    @DisplayName("a port created, changed, moved to another state and deleted: one row each, with actor, time, target, details")
    void portChanges() throws Exception {
        String name = "audited-" + run;
        String addressSecret = "addr-secret-" + run;
        String address = "probe://acme:" + addressSecret + "@partner/orders";
        assertCreated(post("ports", probePort(name, address, 5)));
        JsonObject shown = json(get("ports/" + name).body());
        String masked = shown.getJsonObject("primaryTransport").getString("address");
        assertThat(masked).isEqualTo("probe://acme:********@partner/orders");
        assertThat(put("ports/" + name, probePort(name, masked, 3)).statusCode()).isEqualTo(200);
        assertThat(put("ports/" + name + "/state", "{\"state\":\"STARTED\"}").statusCode()).isEqualTo(200);
        assertThat(delete("ports/" + name).statusCode()).isEqualTo(204);

        List<JsonObject> rows = audit("target=" + name);

        assertThat(rows).extracting(row -> row.getString("action"))
                .containsExactly("PORT_DELETED", "PORT_STATE_CHANGED", "PORT_UPDATED", "PORT_CREATED");
        assertThat(rows).allSatisfy(row -> {
            assertThat(row.getString("actor")).isEqualTo(CALLER);
            assertThat(row.getString("target")).isEqualTo(name);
            assertThat(row.getJsonObject("details").getString("id")).isEqualTo(shown.getString("id"));
            assertThat(Instant.parse(row.getString("at"))).isNotNull();
        });
        assertThat(rows).extracting(row -> row.getJsonNumber("id").longValue()).isSortedAccordingTo((a, b) -> Long.compare(b, a));
        assertThat(rows).extracting(row -> Instant.parse(row.getString("at"))).isSortedAccordingTo((a, b) -> b.compareTo(a));
        JsonObject created = rows.get(3).getJsonObject("details").getJsonObject("definition");
        assertThat(created.getString("name")).isEqualTo(name);
        assertThat(created.getJsonObject("primaryTransport").getString("address")).isEqualTo(masked);
        assertThat(rows.get(2).getJsonObject("details").getJsonObject("changes").toString())
                .as("only the priority changed: the address sent back masked keeps its password")
                .isEqualTo("{\"priority\":{\"from\":5,\"to\":3}}");
        assertThat(rows.get(1).getJsonObject("details").getString("from")).isEqualTo("STOPPED");
        assertThat(rows.get(1).getJsonObject("details").getString("to")).isEqualTo("STARTED");
        assertThat(rows.get(0).getJsonObject("details").getJsonObject("definition").getJsonObject("primaryTransport")
                .getString("address")).isEqualTo(masked);
        assertThat(rows.toString()).doesNotContain(addressSecret);
    }

    @Test
    @DisplayName("a masked endpoint property is recorded masked when set and when changed: its value never reaches the trail")
    void secretsStayOut() throws Exception {
        String name = "secret-" + run;
        String first = "pw-one-" + run;
        String second = "pw-two-" + run;
        assertCreated(post("ports", httpPort(name, first)));
        assertThat(put("ports/" + name, httpPort(name, second)).statusCode()).isEqualTo(200);

        List<JsonObject> rows = audit("target=" + name);

        assertThat(rows).extracting(row -> row.getString("action")).containsExactly("PORT_UPDATED", "PORT_CREATED");
        assertThat(rows.get(1).getJsonObject("details").getJsonObject("definition").getJsonObject("primaryTransport")
                .getJsonObject("properties").getString("password")).isEqualTo("********");
        assertThat(rows.get(0).getJsonObject("details").getJsonObject("changes").toString())
                .isEqualTo("{\"primaryTransport.properties.password\":{\"from\":\"********\",\"to\":\"********\"}}");
        String wholeTrail = get("audit?limit=1000").body();
        assertThat(wholeTrail).contains(name).doesNotContain(first, second);
    }

    @Test
    @DisplayName("resume and terminate: one row each, targeted at the port, with counts, the work items applied and those refused")
    void suspendedMessages() throws Exception {
        String name = "held-" + run;
        Path directory = Files.createDirectories(Path.of(System.getProperty("conveyor.test.files"), name));
        assertCreated(post("ports", Json.createObjectBuilder().add("name", name).add("filter", "Customer = 'h" + run + "'")
                .add("state", "STOPPED").add("primaryTransport", Json.createObjectBuilder().add("adapter", "FILE")
                        .add("address", "file://" + directory + "/%MessageID%.txt").add("retryCount", 0)).build().toString()));
        publish("h" + run);
        publish("h" + run);
        JsonArray held = jsonArray(get("suspended?port=" + name).body());
        assertThat(held).hasSize(2);
        String resumed = held.getJsonObject(0).getString("id");
        String terminated = held.getJsonObject(1).getString("id");

        assertThat(post("suspended/resume", "{\"ids\":[\"" + resumed + "\",\"no-such-item\"]}").statusCode()).isEqualTo(200);
        assertThat(post("suspended/terminate", "{\"ids\":[\"" + terminated + "\"]}").statusCode()).isEqualTo(200);

        List<JsonObject> rows = audit("target=" + name + "&action=messages_resumed");
        assertThat(rows).singleElement().satisfies(row -> {
            assertThat(row.getString("actor")).isEqualTo(CALLER);
            JsonObject details = row.getJsonObject("details");
            assertThat(details.getInt("named")).isEqualTo(2);
            assertThat(details.getInt("applied")).isEqualTo(1);
            assertThat(details.getJsonArray("workItemIds").getString(0)).isEqualTo(resumed);
            assertThat(details.getJsonArray("refused").getJsonObject(0).getString("workItemId")).isEqualTo("no-such-item");
            assertThat(details.getJsonArray("refused").getJsonObject(0).getString("reason")).startsWith("no such work item");
        });
        assertThat(audit("target=" + name + "&action=MESSAGES_TERMINATED")).singleElement().satisfies(row -> {
            assertThat(row.getJsonObject("details").getInt("applied")).isEqualTo(1);
            assertThat(row.getJsonObject("details").getJsonArray("workItemIds").getString(0)).isEqualTo(terminated);
        });
    }

    @Test
    @DisplayName("a bindings import: one row for the import naming what it created and replaced, and one per port")
    void bindingsImport() throws Exception {
        String existing = "kept-" + run;
        String added = "added-" + run;
        assertCreated(post("ports", probePort(existing, "probe://kept", 5)));
        String document = "{\"conveyorBindings\":1,\"sendPorts\":[" + probePort(existing, "probe://kept", 2) + ","
                + probePort(added, "probe://added", 5) + "]}";
        assertThat(post("bindings", document).statusCode()).isEqualTo(200);

        JsonObject importRow = audit("action=BINDINGS_IMPORTED&limit=1").get(0);
        assertThat(importRow.getString("target")).isEqualTo("bindings");
        assertThat(importRow.getString("actor")).isEqualTo(CALLER);
        assertThat(importRow.getJsonObject("details").toString())
                .isEqualTo("{\"created\":[\"" + added + "\"],\"updated\":[\"" + existing + "\"]}");
        assertThat(audit("target=" + added)).singleElement().satisfies(row -> {
            assertThat(row.getString("action")).isEqualTo("PORT_CREATED");
            assertThat(row.getJsonObject("details").getString("via")).isEqualTo("BINDINGS_IMPORTED");
        });
        assertThat(audit("target=" + existing)).extracting(row -> row.getString("action"))
                .containsExactly("PORT_UPDATED", "PORT_CREATED");
        assertThat(audit("target=" + existing).get(0).getJsonObject("details").getJsonObject("changes").toString())
                .isEqualTo("{\"priority\":{\"from\":5,\"to\":2}}");
    }

    @Test
    @DisplayName("changes refused (bad input, unknown port, name taken) leave no row")
    void refusedChangesLeaveNoRow() throws Exception {
        String name = "refused-" + run;
        assertThat(post("ports", probePortWithFilter(name, "A = = 1")).statusCode()).isEqualTo(400);
        assertThat(put("ports/" + name + "/state", "{\"state\":\"STARTED\"}").statusCode()).isEqualTo(404);
        assertThat(delete("ports/" + name).statusCode()).isEqualTo(404);
        assertThat(post("bindings", "{\"conveyorBindings\":1,\"sendPorts\":[" + probePort(name, "probe://x", 5) + ","
                + probePortWithFilter("other-" + run, "A = = 1") + "]}").statusCode()).isEqualTo(400);
        assertThat(audit("target=" + name)).isEmpty();

        assertCreated(post("ports", probePort(name, "probe://x", 5)));
        assertThat(post("ports", probePort(name, "probe://y", 5)).statusCode()).isEqualTo(409);
        assertThat(put("ports/" + name, probePortWithFilter(name, "A = = 1")).statusCode()).isEqualTo(400);
        assertThat(put("ports/" + name + "/state", "{\"state\":\"PAUSED\"}").statusCode()).isEqualTo(400);
        assertThat(post("suspended/resume", "{\"ids\":[]}").statusCode()).isEqualTo(400);
        assertThat(post("suspended/terminate", "{\"ids\":\"all\"}").statusCode()).isEqualTo(400);

        assertThat(audit("target=" + name)).extracting(row -> row.getString("action")).containsExactly("PORT_CREATED");
    }

    @Test
    @DisplayName("filters by actor, action, target, since and until, newest first, limited; bad parameters get 400 naming them")
    void queries() throws Exception {
        String name = "queried-" + run;
        assertCreated(post("ports", probePort(name, "probe://q", 5)));
        assertThat(put("ports/" + name + "/state", "{\"state\":\"STARTED\"}").statusCode()).isEqualTo(200);
        assertThat(put("ports/" + name + "/state", "{\"state\":\"STOPPED\"}").statusCode()).isEqualTo(200);
        List<JsonObject> all = audit("target=" + name);
        assertThat(all).extracting(row -> row.getString("action"))
                .containsExactly("PORT_STATE_CHANGED", "PORT_STATE_CHANGED", "PORT_CREATED");
        String newest = all.get(0).getString("at");
        String oldest = all.get(2).getString("at");

        assertThat(audit("target=" + name + "&action=port_state_changed")).extracting(row -> row.getJsonObject("details")
                .getString("to")).containsExactly("STOPPED", "STARTED");
        assertThat(audit("target=" + name + "&limit=1")).extracting(row -> row.get("id")).containsExactly(all.get(0).get("id"));
        assertThat(audit("target=" + name + "&actor=" + CALLER)).hasSize(3);
        assertThat(audit("target=" + name + "&actor=somebody-else")).isEmpty();
        assertThat(audit("target=" + name + "&since=" + encoded(newest))).extracting(row -> row.get("id"))
                .contains(all.get(0).get("id")).doesNotContain(all.get(2).get("id"));
        assertThat(audit("target=" + name + "&until=" + encoded(newest))).extracting(row -> row.get("id"))
                .doesNotContain(all.get(0).get("id")).contains(all.get(2).get("id"));
        assertThat(audit("target=" + name + "&since=" + encoded(oldest) + "&until=" + encoded(newest)))
                .extracting(row -> row.get("id")).contains(all.get(2).get("id")).doesNotContain(all.get(0).get("id"));

        expectRefused(get("audit?limit=0"), "limit");
        expectRefused(get("audit?limit=1001"), "limit");
        expectRefused(get("audit?limit=lots"), "limit");
        expectRefused(get("audit?action=EXPLODED"), "action");
        expectRefused(get("audit?since=yesterday"), "since");
        expectRefused(get("audit?until=2026-13-01T00:00:00Z"), "until");
        expectRefused(get("audit?since=2026-02-01T00:00:00Z&until=2026-01-01T00:00:00Z"), "until");
    }

    private List<JsonObject> audit(String query) throws Exception {
        HttpResponse<String> answer = get("audit?" + query);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return jsonArray(answer.body()).getValuesAs(JsonObject.class);
    }

    private static String probePort(String name, String address, int priority) {
        return Json.createObjectBuilder().add("name", name).add("filter", "Customer = '" + name + "'").add("state", "STOPPED")
                .add("priority", priority).add("primaryTransport", Json.createObjectBuilder().add("adapter", "PROBE_SINGLE")
                        .add("address", address)).build().toString();
    }

    private static String probePortWithFilter(String name, String filter) {
        return Json.createObjectBuilder().add("name", name).add("filter", filter).add("primaryTransport",
                Json.createObjectBuilder().add("adapter", "PROBE_SINGLE").add("address", "probe://x")).build().toString();
    }

    private static String httpPort(String name, String password) {
        JsonObjectBuilder properties = Json.createObjectBuilder().add("username", "acme").add("password", password);
        return Json.createObjectBuilder().add("name", name).add("filter", "Customer = '" + name + "'").add("state", "STOPPED")
                .add("primaryTransport", Json.createObjectBuilder().add("adapter", "HTTP")
                        .add("address", "http://127.0.0.1:9/orders").add("properties", properties)).build().toString();
    }

    private void publish(String customer) throws Exception {
        HttpResponse<String> published = HTTP.send(HttpRequest.newBuilder(api.resolve("messages"))
                .header("Conveyor-Properties", "{\"Customer\":\"" + customer + "\"}")
                .POST(HttpRequest.BodyPublishers.ofString("held back")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(published.statusCode()).as(published.body()).isEqualTo(201);
    }

    private static void assertCreated(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    }

    private static void expectRefused(HttpResponse<String> response, String field) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(json(response.body()).getString("field")).isEqualTo(field);
    }

    private static String encoded(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(api.resolve(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String json) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(api.resolve(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> put(String path, String json) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(api.resolve(path)).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> delete(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(api.resolve(path)).DELETE().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonObject json(String body) {
        try (JsonReader reader = Json.createReader(new StringReader(body))) {
            return reader.readObject();
        }
    }

    private static JsonArray jsonArray(String body) {
        try (JsonReader reader = Json.createReader(new StringReader(body))) {
            return reader.readArray();
        }
    }
}
