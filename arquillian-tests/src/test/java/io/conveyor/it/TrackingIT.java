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
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.as.arquillian.container.ManagementClient;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Message tracking through the REST API on a real WildFly: a delivered message's history (published by its
 * publisher, routed, delivered with its attempt) stays after the message left the MessageBox; a failing port's
 * history (attempts with their errors, suspended, resumed, terminated) never shows its password; a port tracked with
 * bodies keeps the message's body; a port whose tracking is off records nothing; {@code GET /api/tracking} filters by message, port, event and time, and bad parameters are
 * answered 400 naming the parameter.
 */
@Tag("messagebox")
@RunAsClient
@ExtendWith(ArquillianExtension.class)
class TrackingIT {

    private static final String CALLER = TestUser.ALL.name;
    private static final HttpClient HTTP = TestUser.ALL.client().connectTimeout(Duration.ofSeconds(10)).build();

    private final String run = UUID.randomUUID().toString().substring(0, 8);

    @ArquillianResource
    ManagementClient management;
    private URI api;

    @Deployment
    static EnterpriseArchive deployment() {
        return ConveyorDeployment.ear(TrackingIT.class);
    }

    @BeforeEach
    void locateApi() {
        api = management.getWebUri().resolve("/api/");
    }

    @Test
    @DisplayName("a delivered message: routed (published by whom), delivered with its attempt's outcome; kept after it is gone")
    void deliveredMessage() throws Exception {
        String name = "tracked-" + run;
        Path directory = createFilePort(name, null);

        String messageId = publish(name);
        Path file = directory.resolve(messageId + ".txt");
        InContainerSupport.eventually().until(() -> Files.exists(file) && get("messages/" + messageId).statusCode() == 404
                && events(history(messageId)).contains("DELIVERED"));

        List<JsonObject> history = history(messageId);
        assertThat(events(history)).containsExactly("ROUTED", "DELIVERED");
        assertThat(history.get(0).getString("detail")).endsWith("; published by " + CALLER);
        assertThat(history.get(0).getString("port")).isEqualTo(name);
        assertThat(history.get(0).getString("adapter")).isEqualTo("FILE");
        JsonObject delivered = history.get(1);
        assertThat(delivered.getString("adapter")).isEqualTo("FILE");
        assertThat(delivered.getString("outcome")).isEqualTo("SUCCESS");
        assertThat(delivered.getString("address")).isEqualTo("file://" + directory + "/%MessageID%.txt");
        assertThat(delivered.getJsonNumber("durationMs").longValue()).isNotNegative();
        assertThat(history).allSatisfy(event -> {
            assertThat(event.getString("messageId")).isEqualTo(messageId);
            assertThat(Instant.parse(event.getString("at"))).isNotNull();
        });
        assertThat(history).extracting(event -> event.getJsonNumber("id").longValue()).isSorted();
        assertThat(history).allSatisfy(event ->
                assertThat(event.getString("workItemId")).isEqualTo(history.get(0).getString("workItemId")));
    }

    @Test
    @DisplayName("a failing port: attempt with its error, suspended, resumed, attempted again, terminated; no password shown")
    void failingPort() throws Exception {
        String name = "failing-" + run;
        String password = "pw-" + run;
        JsonObjectBuilder properties = Json.createObjectBuilder().add("username", "acme").add("password", password);
        assertCreated(post("ports", Json.createObjectBuilder().add("name", name).add("filter", "Customer = '" + name + "'")
                .add("primaryTransport", Json.createObjectBuilder().add("adapter", "HTTP")
                        .add("address", "http://127.0.0.1:9/orders").add("properties", properties).add("retryCount", 0))
                .build().toString()));

        String messageId = publish(name);
        InContainerSupport.eventually().until(() -> events(history(messageId)).contains("SUSPENDED"));
        String workItemId = history(messageId).get(0).getString("workItemId");
        assertThat(post("suspended/resume", "{\"ids\":[\"" + workItemId + "\"]}").statusCode()).isEqualTo(200);
        InContainerSupport.eventually().until(() -> events(history(messageId)).stream()
                .filter("SUSPENDED"::equals).count() == 2);
        assertThat(post("suspended/terminate", "{\"ids\":[\"" + workItemId + "\"]}").statusCode()).isEqualTo(200);

        List<JsonObject> history = history(messageId);
        assertThat(events(history)).containsExactly("ROUTED", "ATTEMPTED", "SUSPENDED", "RESUMED",
                "ATTEMPTED", "SUSPENDED", "TERMINATED");
        JsonObject attempt = history.get(1);
        assertThat(attempt.getString("outcome")).isEqualTo("FAILURE");
        assertThat(attempt.getString("adapter")).isEqualTo("HTTP");
        assertThat(attempt.getString("address")).isEqualTo("http://127.0.0.1:9/orders");
        assertThat(attempt.getString("detail")).isNotBlank();
        assertThat(history.get(2).getString("detail")).startsWith("resumable: ");
        assertThat(history.toString()).doesNotContain(password);
        assertThat(tracking("messageId=" + messageId + "&event=ATTEMPTED")).hasSize(2)
                .allSatisfy(event -> assertThat(event.getString("outcome")).isEqualTo("FAILURE"));
        assertThat(tracking("messageId=" + messageId + "&outcome=failure")).extracting(event -> event.getString("event"))
                .containsExactly("ATTEMPTED", "ATTEMPTED");
        assertThat(tracking("messageId=" + messageId + "&outcome=SUCCESS")).isEmpty();
    }

    @Test
    @DisplayName("a port tracked at EVENTS_AND_BODIES keeps the message's body: listed and downloaded after delivery")
    void bodiesKept() throws Exception {
        String name = "bodies-" + run;
        createFilePort(name, "events_and_bodies");
        assertThat(json(get("ports/" + name).body()).getString("tracking")).isEqualTo("EVENTS_AND_BODIES");

        String messageId = publish(name);
        InContainerSupport.eventually().until(() -> events(history(messageId)).contains("DELIVERED"));

        HttpResponse<String> listed = get("tracking/bodies/" + messageId);
        assertThat(listed.statusCode()).as(listed.body()).isEqualTo(200);
        JsonObject part = jsonArray(listed.body()).getJsonObject(0);
        assertThat(jsonArray(listed.body())).hasSize(1);
        assertThat(part.getJsonNumber("sizeBytes").longValue()).isEqualTo("tracked body".length());
        assertThat(part.getJsonNumber("keptBytes").longValue()).isEqualTo("tracked body".length());
        assertThat(part.getBoolean("truncated")).isFalse();

        HttpResponse<String> body = get("tracking/bodies/" + messageId + "/" + part.getString("part"));
        assertThat(body.statusCode()).isEqualTo(200);
        assertThat(body.body()).isEqualTo("tracked body");
        assertThat(body.headers().firstValue("Content-Disposition")).hasValueSatisfying(value ->
                assertThat(value).startsWith("attachment; filename=\"" + messageId));
        assertThat(body.headers().firstValue("Conveyor-Part-Truncated")).hasValue("false");
        assertThat(get("tracking/bodies/" + messageId + "/no-such-part").statusCode()).isEqualTo(404);
        assertThat(get("tracking/bodies/no-such-message-" + run).statusCode()).isEqualTo(404);
    }

    @Test
    @DisplayName("a port whose tracking is off records nothing; its definition says so; a bad level is refused")
    void trackingOff() throws Exception {
        String name = "untracked-" + run;
        Path directory = Files.createDirectories(Path.of(System.getProperty("conveyor.test.files"), name));
        expectRefused(post("ports", filePort(name, directory, "SOMETIMES")), "tracking");
        assertCreated(post("ports", filePort(name, directory, "off")));
        assertThat(json(get("ports/" + name).body()).getString("tracking")).isEqualTo("OFF");

        String messageId = publish(name);
        Path file = directory.resolve(messageId + ".txt");
        InContainerSupport.eventually().until(() -> Files.exists(file) && get("messages/" + messageId).statusCode() == 404);

        assertThat(get("messages/" + messageId + "/history").statusCode()).isEqualTo(404);
        assertThat(tracking("port=" + name)).isEmpty();
        assertThat(tracking("messageId=" + messageId)).isEmpty();
    }

    @Test
    @DisplayName("the query filters by message, port, event and time, newest first, at most the limit; bad parameters get 400")
    void query() throws Exception {
        String name = "queried-" + run;
        createFilePort(name, "EVENTS");
        Instant before = Instant.now().minusSeconds(1);
        String first = publish(name);
        String second = publish(name);
        InContainerSupport.eventually().until(() -> tracking("port=" + name + "&event=DELIVERED").size() == 2);

        List<JsonObject> routed = tracking("port=" + name + "&event=ROUTED");
        assertThat(routed).extracting(event -> event.getString("messageId")).containsExactly(second, first);
        assertThat(tracking("messageId=" + first)).extracting(event -> event.getString("messageId")).hasSize(2)
                .containsOnly(first);
        assertThat(tracking("port=" + name + "&limit=3")).hasSize(3);
        assertThat(tracking("port=" + name + "&from=" + encoded(before.toString()))).hasSize(4);
        assertThat(tracking("port=" + name + "&to=" + encoded(before.toString()))).isEmpty();
        assertThat(tracking("port=" + name)).extracting(event -> Instant.parse(event.getString("at")))
                .isSortedAccordingTo((a, b) -> b.compareTo(a));

        expectRefused(get("tracking?event=EXPLODED"), "event");
        expectRefused(get("tracking?outcome=MAYBE"), "outcome");
        expectRefused(get("tracking?from=yesterday"), "from");
        expectRefused(get("tracking?to=2026-13-01T00:00:00Z"), "to");
        expectRefused(get("tracking?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z"), "to");
        expectRefused(get("tracking?limit=lots"), "limit");
        expectRefused(get("tracking?limit=1001"), "limit");
        assertThat(get("messages/no-such-message-" + run + "/history").statusCode()).isEqualTo(404);
    }

    private String publish(String customer) throws Exception {
        HttpResponse<String> published = HTTP.send(HttpRequest.newBuilder(api.resolve("messages"))
                .header("Conveyor-Properties", "{\"Customer\":\"" + customer + "\"}")
                .POST(HttpRequest.BodyPublishers.ofString("tracked body")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(published.statusCode()).as(published.body()).isEqualTo(201);
        return json(published.body()).getString("messageId");
    }

    /** Creates a FILE port writing to a directory of its own, which it answers; {@code tracking} may be null. */
    private Path createFilePort(String name, String tracking) throws Exception {
        Path directory = Files.createDirectories(Path.of(System.getProperty("conveyor.test.files"), name));
        assertCreated(post("ports", filePort(name, directory, tracking)));
        return directory;
    }

    private static String filePort(String name, Path directory, String tracking) {
        JsonObjectBuilder port = Json.createObjectBuilder().add("name", name).add("filter", "Customer = '" + name + "'")
                .add("primaryTransport", Json.createObjectBuilder().add("adapter", "FILE")
                        .add("address", "file://" + directory + "/%MessageID%.txt"));
        if (tracking != null) {
            port.add("tracking", tracking);
        }
        return port.build().toString();
    }

    private List<JsonObject> history(String messageId) throws Exception {
        HttpResponse<String> answer = get("messages/" + messageId + "/history");
        if (answer.statusCode() == 404) {
            return List.of();
        }
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return jsonArray(answer.body()).getValuesAs(JsonObject.class);
    }

    private List<JsonObject> tracking(String query) throws Exception {
        HttpResponse<String> answer = get("tracking?" + query);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return jsonArray(answer.body()).getValuesAs(JsonObject.class);
    }

    private static List<String> events(List<JsonObject> history) {
        return history.stream().map(event -> event.getString("event")).toList();
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
