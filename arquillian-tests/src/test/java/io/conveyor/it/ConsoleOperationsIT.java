package io.conveyor.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.net.URI;
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
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.as.arquillian.container.ManagementClient;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The operations the web console's overview, suspended queue and bindings pages added to the REST API: deliveries per
 * minute ({@code GET /api/statistics/deliveries}), resuming and terminating everything a query matches ({@code POST
 * /api/suspended/resume|terminate} with {@code query}, {@code GET /api/suspended/count}), and the preview of a bindings
 * import ({@code POST /api/bindings/preview}).
 */
@Tag("messagebox")
@RunAsClient
@ExtendWith(ArquillianExtension.class)
class ConsoleOperationsIT {

    private static final HttpClient HTTP = TestUser.ALL.client().connectTimeout(Duration.ofSeconds(10)).build();

    private final String run = UUID.randomUUID().toString().substring(0, 8);

    @ArquillianResource
    ManagementClient management;
    private URI api;
    private Path directory;

    @Deployment
    static EnterpriseArchive deployment() {
        return ConveyorDeployment.ear(ConsoleOperationsIT.class);
    }

    @BeforeEach
    void locate() throws Exception {
        api = management.getWebUri().resolve("/api/");
        directory = Files.createDirectories(Path.of(System.getProperty("conveyor.test.files"), "console-ops-" + run));
    }

    @Test
    @DisplayName("statistics: sixty one-minute buckets of this server, counting committed deliveries, failed attempts and suspensions")
    void deliveriesPerMinute() throws Exception {
        JsonObject before = statistics();
        assertThat(before.getString("server")).isNotBlank();
        assertThat(Instant.parse(before.getString("countingSince"))).isNotNull();
        List<JsonObject> minutes = before.getJsonArray("minutes").getValuesAs(JsonObject.class);
        assertThat(minutes).hasSize(60);
        for (int i = 1; i < minutes.size(); i++) {
            assertThat(Duration.between(Instant.parse(minutes.get(i - 1).getString("minute")),
                    Instant.parse(minutes.get(i).getString("minute")))).isEqualTo(Duration.ofMinutes(1));
        }

        String good = "stats-" + run;
        assertCreated(post("ports", filePort(good, "file://" + directory + "/%MessageID%.xml", "STARTED")));
        String first = publish(good);
        String second = publish(good);
        Path blocked = directory.resolve("blocked.xml");
        Files.writeString(blocked, "in the way", StandardCharsets.UTF_8);
        String failing = "stats-failing-" + run;
        assertCreated(post("ports", filePort(failing, "file://" + blocked, "STARTED")));
        publish(failing);

        InContainerSupport.eventually().until(() -> Files.exists(directory.resolve(first + ".xml"))
                && Files.exists(directory.resolve(second + ".xml")) && count("port=" + failing) == 1);
        InContainerSupport.eventually().untilAsserted(() -> {
            JsonObject after = statistics();
            assertThat(total(after, "delivered")).isGreaterThanOrEqualTo(total(before, "delivered") + 2);
            assertThat(total(after, "failed")).isGreaterThanOrEqualTo(total(before, "failed") + 1);
            assertThat(total(after, "suspended")).isGreaterThanOrEqualTo(total(before, "suspended") + 1);
        });
    }

    @Test
    @DisplayName("resume and terminate by query: every match, counted, audited; bad requests refused naming the field, changing nothing")
    void actOnEverythingAQueryMatches() throws Exception {
        String held = "bulk-" + run;
        String other = "bulk-other-" + run;
        assertCreated(post("ports", filePort(held, "file://" + directory + "/%MessageID%.xml", "STOPPED")));
        assertCreated(post("ports", filePort(other, "file://" + directory + "/other-%MessageID%.xml", "STOPPED")));
        List<String> messages = List.of(publish(held), publish(held), publish(held));
        publish(other);
        assertThat(count("port=" + held)).isEqualTo(3);
        assertThat(count("port=" + other + "&error=is%20stopped")).isEqualTo(1);

        expectRefused(post("suspended/resume", "{\"query\":{\"port\":\"" + held + "\",\"colour\":\"red\"}}"), "query.colour");
        expectRefused(post("suspended/resume", "{\"ids\":[\"1\"],\"query\":{\"port\":\"" + held + "\"}}"), "ids");
        expectRefused(post("suspended/terminate", "{\"query\":{\"port\":\"" + held + "\",\"from\":\"yesterday\"}}"), "query.from");
        expectRefused(post("suspended/terminate", "{\"query\":\"" + held + "\"}"), "query");
        expectRefused(post("suspended/terminate", "{\"query\":{\"port\":7}}"), "query.port");
        expectRefused(post("suspended/terminate", "{\"where\":{}}"), "where");
        expectRefused(get("suspended/count?from=yesterday"), "from");
        assertThat(count("port=" + held)).isEqualTo(3);
        assertThat(audit("action=MESSAGES_TERMINATED&target=" + held)).isEmpty();

        // resumed although the port is stopped (A3): delivered
        JsonObject resumed = json(post("suspended/resume", "{\"query\":{\"port\":\"" + held + "\",\"error\":\"IS STOPPED\"}}"));
        assertThat(resumed.getInt("matched")).isEqualTo(3);
        assertThat(resumed.getInt("applied")).isEqualTo(3);
        assertThat(resumed.getInt("refused")).isZero();
        assertThat(resumed.getJsonArray("refusals")).isEmpty();
        InContainerSupport.eventually().until(() -> messages.stream()
                .allMatch(message -> Files.exists(directory.resolve(message + ".xml"))));
        assertThat(count("port=" + held)).isZero();
        assertThat(count("port=" + other)).as("another port's match untouched").isEqualTo(1);
        JsonObject resumeRow = audit("action=MESSAGES_RESUMED&target=" + held).get(0);
        assertThat(resumeRow.getString("actor")).isEqualTo(TestUser.ALL.name);
        assertThat(resumeRow.getJsonObject("details").getInt("applied")).isEqualTo(3);

        JsonObject terminated = json(post("suspended/terminate", "{\"query\":{\"port\":\"" + other + "\",\"to\":\""
                + Instant.now().plusSeconds(3600) + "\"}}"));
        assertThat(terminated.getInt("matched")).isEqualTo(1);
        assertThat(terminated.getInt("applied")).isEqualTo(1);
        assertThat(count("port=" + other)).isZero();
        assertThat(audit("action=MESSAGES_TERMINATED&target=" + other)).singleElement()
                .satisfies(row -> assertThat(row.getJsonObject("details").getInt("applied")).isEqualTo(1));

        JsonObject none = json(post("suspended/terminate", "{\"query\":{\"port\":\"" + other + "\"}}"));
        assertThat(none.getInt("matched")).isZero();
        assertThat(audit("action=MESSAGES_TERMINATED&target=" + other)).as("nothing matched, nothing recorded").hasSize(1);
    }

    @Test
    @DisplayName("a bindings preview: validated as the import, the plan per port, nothing written (no audit row); the import then does what it said")
    void bindingsPreview() throws Exception {
        String same = "same-" + run;
        String changed = "changed-" + run;
        String added = "added-" + run;
        assertCreated(post("ports", filePort(same, "file://" + directory + "/same-%MessageID%.xml", "STOPPED")));
        assertCreated(post("ports", filePort(changed, "file://" + directory + "/changed-%MessageID%.xml", "STOPPED")));
        JsonObject sameExported = json(get("bindings")).getJsonArray("sendPorts").getValuesAs(JsonObject.class).stream()
                .filter(port -> port.getString("name").equals(same)).findFirst().orElseThrow();
        JsonObject changedNow = parsed(filePort(changed, "file://" + directory + "/changed-%MessageID%.xml", "STOPPED"));
        String document = Json.createObjectBuilder().add("conveyorBindings", 1).add("sendPorts", Json.createArrayBuilder()
                .add(sameExported)
                .add(Json.createObjectBuilder(changedNow).add("priority", 2))
                .add(parsed(filePort(added, "file://" + directory + "/added.xml", "STOPPED")))).build().toString();
        long lastAuditId = audit("limit=1").get(0).getJsonNumber("id").longValue();

        String broken = document.replace("\"filter\":\"Customer = '" + added + "'\"", "\"filter\":\"Customer = = 1\"");
        expectRefused(post("bindings/preview", broken), "sendPorts[2].filter");
        JsonObject plan = json(post("bindings/preview", document));

        assertThat(plan.getJsonArray("created").getValuesAs(JsonValue::toString)).containsExactly("\"" + added + "\"");
        assertThat(plan.getJsonArray("unchanged").getValuesAs(JsonValue::toString)).containsExactly("\"" + same + "\"");
        JsonArray updated = plan.getJsonArray("updated");
        assertThat(updated).hasSize(1);
        assertThat(updated.getJsonObject(0).getString("name")).isEqualTo(changed);
        assertThat(updated.getJsonObject(0).getJsonObject("changes").toString())
                .isEqualTo("{\"priority\":{\"from\":5,\"to\":2}}");
        assertThat(plan.getJsonArray("notInFile").getValuesAs(JsonValue::toString))
                .doesNotContain("\"" + same + "\"", "\"" + changed + "\"", "\"" + added + "\"");
        assertThat(get("ports/" + added).statusCode()).as("nothing created").isEqualTo(404);
        assertThat(json(get("ports/" + changed)).getInt("priority")).as("nothing replaced").isEqualTo(5);
        assertThat(audit("limit=1").get(0).getJsonNumber("id").longValue()).as("no audit row").isEqualTo(lastAuditId);

        JsonObject imported = json(post("bindings", document));
        assertThat(imported.getJsonArray("created").getValuesAs(JsonValue::toString)).containsExactly("\"" + added + "\"");
        assertThat(imported.getJsonArray("updated").getValuesAs(JsonValue::toString)).containsExactly("\"" + changed + "\"");
        assertThat(imported.getJsonArray("unchanged").getValuesAs(JsonValue::toString)).containsExactly("\"" + same + "\"");
        assertThat(json(get("ports/" + changed)).getInt("priority")).isEqualTo(2);
        assertThat(audit("target=" + same)).as("the identical port is not rewritten").extracting(row -> row.getString("action"))
                .containsExactly("PORT_CREATED");
    }

    private JsonObject statistics() throws Exception {
        return json(get("statistics/deliveries"));
    }

    private static long total(JsonObject statistics, String key) {
        return statistics.getJsonArray("minutes").getValuesAs(JsonObject.class).stream()
                .mapToLong(minute -> minute.getJsonNumber(key).longValue()).sum();
    }

    private long count(String query) throws Exception {
        return json(get("suspended/count?" + query)).getJsonNumber("count").longValue();
    }

    private List<JsonObject> audit(String query) throws Exception {
        HttpResponse<String> answer = get("audit?" + query);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        try (JsonReader reader = Json.createReader(new StringReader(answer.body()))) {
            return reader.readArray().getValuesAs(JsonObject.class);
        }
    }

    private static String filePort(String name, String address, String state) {
        return Json.createObjectBuilder().add("name", name).add("filter", "Customer = '" + name + "'").add("state", state)
                .add("primaryTransport", Json.createObjectBuilder().add("adapter", "FILE").add("address", address)
                        .add("retryCount", 0)).build().toString();
    }

    /** Publishes a message for the port whose filter names {@code customer}; its message identity. */
    private String publish(String customer) throws Exception {
        HttpResponse<String> published = HTTP.send(HttpRequest.newBuilder(api.resolve("messages"))
                .header("Content-Type", "application/xml").header("Conveyor-Properties", "{\"Customer\":\"" + customer + "\"}")
                .POST(HttpRequest.BodyPublishers.ofString("<order/>")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(published.statusCode()).as(published.body()).isEqualTo(201);
        return json(published).getString("messageId");
    }

    private static void assertCreated(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    }

    private static void expectRefused(HttpResponse<String> response, String field) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(parsed(response.body()).getString("field")).as(response.body()).isEqualTo(field);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(api.resolve(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String json) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(api.resolve(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A successful answer's JSON object. */
    private static JsonObject json(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isBetween(200, 299);
        return parsed(response.body());
    }

    private static JsonObject parsed(String body) {
        try (JsonReader reader = Json.createReader(new StringReader(body))) {
            return reader.readObject();
        }
    }
}
