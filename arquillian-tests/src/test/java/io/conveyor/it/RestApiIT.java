package io.conveyor.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.StringReader;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The REST API from outside, as the README's tour uses it: the happy path, and bad input refused with its field. */
@RunAsClient
@ExtendWith(ArquillianExtension.class)
class RestApiIT {

    private static final HttpClient HTTP = TestUser.ALL.client().connectTimeout(Duration.ofSeconds(10)).build();
    private final String run = UUID.randomUUID().toString().substring(0, 8);

    @ArquillianResource
    URL testWar;

    @Deployment
    static EnterpriseArchive deployment() {
        return ConveyorDeployment.ear(RestApiIT.class);
    }

    @Test
    @DisplayName("create a FILE port, publish a message with promoted properties, find the file, see the message deleted")
    void tour() throws Exception {
        Path directory = Files.createDirectories(Path.of(System.getProperty("conveyor.test.files"), "tour-" + run));
        HttpResponse<String> created = post("/api/ports", port("tour-" + run, "Customer = '" + run + "'",
                "file://" + directory + "/%MessageID%.xml", 3));
        assertThat(created.statusCode()).isEqualTo(201);

        HttpResponse<String> published = HTTP.send(request("/api/messages")
                .header("Content-Type", "application/xml")
                .header("Conveyor-Properties", "{\"Customer\":\"" + run + "\",\"Amount\":120}")
                .POST(HttpRequest.BodyPublishers.ofString("<order id=\"1\"/>")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(published.statusCode()).isEqualTo(201);
        String messageId = json(published.body()).getString("messageId");
        assertThat(json(published.body()).getJsonArray("routedTo").getJsonObject(0).getString("port")).isEqualTo("tour-" + run);

        Path file = directory.resolve(messageId + ".xml");
        InContainerSupport.eventually().until(() -> Files.exists(file) && get("/api/messages/" + messageId).statusCode() == 404);
        assertThat(Files.readString(file)).isEqualTo("<order id=\"1\"/>");
    }

    @Test
    @DisplayName("bad port definitions get 400 naming the field, and leave no port behind")
    void badPortsAreRefusedWithTheirField() throws Exception {
        String name = "bad-" + run;
        String root = System.getProperty("conveyor.test.files");
        expectRefused(post("/api/ports", "{\"name\":\"" + name + "\","), 400, "body");
        expectRefused(post("/api/ports", "{\"name\":\"" + name + "\",\"colour\":\"red\",\"filter\":\"A = 1\","
                + "\"primaryTransport\":{\"adapter\":\"FILE\",\"address\":\"" + root + "/x\"}}"), 400, "colour");
        expectRefused(post("/api/ports", port(name, "A = ", root + "/%MessageID%", 3)), 400, "filter");
        expectRefused(post("/api/ports", port(name, "A = 1", "file:///etc/%MessageID%.xml", 3)), 400, "primaryTransport.address");
        expectRefused(post("/api/ports", port(name, "A = 1", root + "/%MessageID%", -1)), 400, "primaryTransport.retryCount");
        expectRefused(post("/api/ports", "{\"name\":\"" + name + "\",\"filter\":\"A = 1\","
                + "\"primaryTransport\":{\"adapter\":\"CARRIER-PIGEON\",\"address\":\"coop://roof\"}}"), 400, "primaryTransport.adapter");
        expectRefused(post("/api/ports", "{\"name\":\"" + name + "\",\"filter\":\"A = 1\",\"primaryTransport\":{\"adapter\":\"FILE\","
                + "\"address\":\"" + root + "/x\",\"properties\":{\"colour\":\"red\"}}}"), 400, "primaryTransport.properties.colour");

        assertThat(get("/api/ports/" + name).statusCode()).isEqualTo(404);
    }

    @Test
    @DisplayName("a publication with malformed properties gets 400; one nobody subscribes to gets 422; neither is stored")
    void badPublicationsAreRefused() throws Exception {
        HttpResponse<String> malformed = HTTP.send(request("/api/messages").header("Conveyor-Properties", "{\"Customer\":")
                .POST(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());
        expectRefused(malformed, 400, "properties");
        HttpResponse<String> nested = HTTP.send(request("/api/messages").header("Conveyor-Properties", "{\"Customer\":{\"a\":1}}")
                .POST(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());
        expectRefused(nested, 400, "properties.Customer");
        HttpResponse<String> unroutable = HTTP.send(request("/api/messages")
                .header("Conveyor-Properties", "{\"Customer\":\"nobody-" + run + "\"}")
                .POST(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(unroutable.statusCode()).isEqualTo(422);
        assertThat(get("/api/work-items?port=nobody").body()).isEqualTo("[]");
    }

    @Test
    @DisplayName("bindings export and import round-trip; an import with one bad port changes nothing")
    void bindingsRoundTrip() throws Exception {
        String root = System.getProperty("conveyor.test.files");
        String name = "bound-" + run;
        assertThat(post("/api/ports", port(name, "Customer = 'b" + run + "'", root + "/%MessageID%", 2)).statusCode()).isEqualTo(201);
        String exported = get("/api/bindings").body();
        assertThat(exported).contains(name);
        assertThat(HTTP.send(request("/api/ports/" + name).DELETE().build(), HttpResponse.BodyHandlers.ofString()).statusCode())
                .isEqualTo(204);

        String other = "other-" + run;
        String badImport = "{\"conveyorBindings\":1,\"sendPorts\":[" + port(other, "A = 1", root + "/%MessageID%", 1) + ","
                + port("broken-" + run, "A = = 1", root + "/%MessageID%", 1) + "]}";
        expectRefused(post("/api/bindings", badImport), 400, "sendPorts[1].filter");
        assertThat(get("/api/ports/" + other).statusCode()).isEqualTo(404);

        HttpResponse<String> imported = post("/api/bindings", exported);
        assertThat(imported.statusCode()).isEqualTo(200);
        assertThat(json(imported.body()).getJsonArray("created").toString()).contains(name);
        assertThat(json(get("/api/ports/" + name).body()).getJsonObject("primaryTransport").getInt("retryCount")).isEqualTo(2);
        assertThat(post("/api/ports", port(name, "A = 1", root + "/x", 1)).statusCode()).isEqualTo(409);
    }

    @Test
    @DisplayName("port states and the suspended queue over REST: stop, suspended on publication, counted, resume, terminate, bad input")
    void portStatesAndSuspendedQueue() throws Exception {
        String root = System.getProperty("conveyor.test.files");
        String name = "states-" + run;
        Path directory = Files.createDirectories(Path.of(root, name));
        assertThat(post("/api/ports", port(name, "Customer = 's" + run + "'", "file://" + directory + "/%MessageID%.txt", 0))
                .statusCode()).isEqualTo(201);
        assertThat(put("/api/ports/" + name + "/state", "{\"state\":\"stopped\"}").statusCode()).isEqualTo(200);
        expectRefused(put("/api/ports/" + name + "/state", "{\"state\":\"PAUSED\"}"), 400, "state");

        String first = json(publish("s" + run).body()).getString("messageId");
        String second = json(publish("s" + run).body()).getString("messageId");
        JsonArray suspendedItems = jsonArray(get("/api/suspended?port=" + name).body());
        assertThat(suspendedItems).hasSize(2);
        assertThat(json(get("/api/work-items/counts").body()).getJsonObject("ports").getJsonObject(name).toString())
                .isEqualTo("{\"SUSPENDED\":2}");
        String firstItem = itemOf(suspendedItems, first);
        String secondItem = itemOf(suspendedItems, second);

        HttpResponse<String> resumed = post("/api/suspended/resume", "{\"ids\":[\"" + firstItem + "\",\"nonexistent\"]}");
        assertThat(resumed.statusCode()).isEqualTo(200);
        assertThat(json(resumed.body()).getJsonArray("results").getJsonObject(0).getBoolean("applied")).isTrue();
        assertThat(json(resumed.body()).getJsonArray("results").getJsonObject(1).getBoolean("applied")).isFalse();
        InContainerSupport.eventually().until(() -> Files.exists(directory.resolve(first + ".txt")));

        assertThat(json(post("/api/suspended/terminate", "{\"ids\":[\"" + secondItem + "\"]}").body())
                .getJsonArray("results").getJsonObject(0).getBoolean("applied")).isTrue();
        assertThat(get("/api/messages/" + second).statusCode()).isEqualTo(404);
        InContainerSupport.eventually().until(() -> !json(get("/api/work-items/counts").body()).getJsonObject("ports").containsKey(name));
        expectRefused(post("/api/suspended/resume", "{\"ids\":\"all\"}"), 400, "ids");
        expectRefused(get("/api/suspended?limit=lots"), 400, "limit");
        expectRefused(get("/api/suspended?from=yesterday"), 400, "from");
    }

    @Test
    @DisplayName("publish to a two-way port and wait: the response comes back as the answer; without one in time, 202 and its address")
    void publishAndWaitForTheResponse() throws Exception {
        String name = "quote-" + run;
        String port = Json.createObjectBuilder().add("name", name).add("filter", "Customer = 'q" + run + "'").add("twoWay", true)
                .add("primaryTransport", Json.createObjectBuilder().add("adapter", "PROBE_SINGLE").add("address", "probe://quotes"))
                .build().toString();
        assertThat(post("/api/ports", port).statusCode()).isEqualTo(201);

        HttpResponse<String> answered = HTTP.send(request("/api/messages?responseTimeout=20")
                .header("Conveyor-Properties", "{\"Customer\":\"q" + run + "\",\"Outcome\":\"RESPOND\"}")
                .POST(HttpRequest.BodyPublishers.ofString("<quote-request/>")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answered.statusCode()).isEqualTo(200);
        String solicit = answered.headers().firstValue("Conveyor-Correlation-Id").orElseThrow();
        assertThat(answered.body()).isEqualTo("response to " + solicit);
        assertThat(get("/api/messages/" + solicit + "/response").body()).isEqualTo("response to " + solicit);

        HttpResponse<String> pending = HTTP.send(request("/api/messages?responseTimeout=1")
                .header("Conveyor-Properties", "{\"Customer\":\"q" + run + "\",\"Outcome\":\"HOLD\"}")
                .POST(HttpRequest.BodyPublishers.ofString("<quote-request/>")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(pending.statusCode()).isEqualTo(202);
        String held = json(pending.body()).getString("messageId");
        assertThat(pending.headers().firstValue("Location").orElseThrow()).endsWith("/api/messages/" + held + "/response");
        assertThat(get("/api/messages/" + held + "/response").statusCode()).isEqualTo(404);
        expectRefused(HTTP.send(request("/api/messages?responseTimeout=forever").POST(HttpRequest.BodyPublishers.ofString("x"))
                .build(), HttpResponse.BodyHandlers.ofString()), 400, "responseTimeout");
    }

    private HttpResponse<String> publish(String customer) throws Exception {
        return HTTP.send(request("/api/messages").header("Conveyor-Properties", "{\"Customer\":\"" + customer + "\"}")
                .POST(HttpRequest.BodyPublishers.ofString("held back")).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String itemOf(JsonArray items, String messageId) {
        return items.getValuesAs(JsonObject.class).stream().filter(item -> item.getString("messageId").equals(messageId))
                .findFirst().orElseThrow().getString("id");
    }

    private HttpResponse<String> put(String path, String json) throws Exception {
        return HTTP.send(request(path).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonArray jsonArray(String body) {
        try (JsonReader reader = Json.createReader(new StringReader(body))) {
            return reader.readArray();
        }
    }

    private static String port(String name, String filter, String address, int retryCount) {
        return Json.createObjectBuilder().add("name", name).add("filter", filter)
                .add("primaryTransport", Json.createObjectBuilder().add("adapter", "FILE").add("address", address)
                        .add("retryCount", retryCount)).build().toString();
    }

    private void expectRefused(HttpResponse<String> response, int status, String field) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(json(response.body()).getString("field")).isEqualTo(field);
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(testWar.getProtocol() + "://" + testWar.getHost() + ":" + testWar.getPort() + path))
                .timeout(Duration.ofSeconds(30));
    }

    private HttpResponse<String> post(String path, String json) throws Exception {
        return HTTP.send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonObject json(String body) {
        try (JsonReader reader = Json.createReader(new StringReader(body))) {
            return reader.readObject();
        }
    }
}
