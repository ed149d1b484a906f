package io.conveyor.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringReader;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.as.arquillian.container.ManagementClient;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The HTTP connector against a real HTTP server on 127.0.0.1, driven through the REST API as a user would. */
@RunAsClient
@ExtendWith(ArquillianExtension.class)
class HttpConnectorIT {

    private static final HttpClient HTTP = TestUser.ALL.client().connectTimeout(Duration.ofSeconds(10)).build();
    /** For requests that carry their own user's credentials. */
    private static final HttpClient SIGNED = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final Map<String, Received> received = new ConcurrentHashMap<>();
    private final List<Received> redirectedTo = new CopyOnWriteArrayList<>();
    private final CountDownLatch endlessAnswerDropped = new CountDownLatch(1);
    private HttpServer partner;
    private HttpServer elsewhere;

    @ArquillianResource
    ManagementClient management;
    /** The server's REST API, at the address Arquillian's management client reports for its HTTP listener. */
    private URI api;

    /** What the partner's server received. */
    private record Received(String method, String body, String contentType, String authorization) {
    }

    @Deployment
    static EnterpriseArchive deployment() {
        return ConveyorDeployment.ear(HttpConnectorIT.class);
    }

    @BeforeEach
    void locateApi() {
        api = management.getWebUri().resolve("/api/");
    }

    @BeforeEach
    void startPartner() throws IOException {
        partner = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        partner.createContext("/orders", exchange -> answer(exchange, 202, ""));
        partner.createContext("/quotes", exchange -> answer(exchange, 200, "<quote for=\"" + read(exchange) + "\"/>"));
        partner.createContext("/down", exchange -> answer(exchange, 503, "maintenance until noon"));
        partner.createContext("/endless", this::answerEndlessly);
        elsewhere = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        elsewhere.createContext("/", exchange -> {
            redirectedTo.add(new Received(exchange.getRequestMethod(), read(exchange), null,
                    exchange.getRequestHeaders().getFirst("Authorization")));
            answer(exchange, 200, "");
        });
        elsewhere.start();
        partner.createContext("/moved", exchange -> {
            read(exchange);
            exchange.getResponseHeaders().add("Location", "http://127.0.0.1:" + elsewhere.getAddress().getPort() + "/orders");
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
        partner.start();
    }

    @AfterEach
    void stopPartner() {
        partner.stop(0);
        elsewhere.stop(0);
    }

    @Test
    @DisplayName("a one-way HTTP port POSTs the body with its content type and Basic credentials; the message is then deleted")
    void oneWayPost() throws Exception {
        createPort("orders", false, Json.createObjectBuilder().add("username", "acme").add("password", "s3cret"));
        String id = publish("orders", "<order id=\"7\"/>", "").messageId;

        InContainerSupport.eventually().until(() -> get("messages/" + id).statusCode() == 404);
        Received request = received.get(id);
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.body()).isEqualTo("<order id=\"7\"/>");
        assertThat(request.contentType()).isEqualTo("application/xml");
        assertThat(request.authorization()).isEqualTo("Basic YWNtZTpzM2NyZXQ=");
        assertThat(json(get("ports/orders-" + run).body()).getJsonObject("primaryTransport").getJsonObject("properties")
                .getString("password")).as("masked endpoint property").isEqualTo("********");
    }

    @Test
    @DisplayName("a two-way HTTP port returns the partner's answer to the publisher, with the status in the response's context")
    void solicitResponse() throws Exception {
        createPort("quotes", true, Json.createObjectBuilder());
        HttpResponse<String> answered = HTTP.send(HttpRequest.newBuilder(api.resolve("messages?responseTimeout=30"))
                .header("Content-Type", "text/plain")
                .header("Conveyor-Properties", "{\"Customer\":\"quotes-" + run + "\"}")
                .POST(HttpRequest.BodyPublishers.ofString("12 widgets")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(answered.statusCode()).isEqualTo(200);
        assertThat(answered.body()).isEqualTo("<quote for=\"12 widgets\"/>");
        String responseId = answered.headers().firstValue("Conveyor-Message-Id").orElseThrow();
        JsonArray context = json(get("messages/" + responseId).body()).getJsonArray("context");
        assertThat(context.getValuesAs(JsonObject.class)).anySatisfy(property -> {
            assertThat(property.getString("name")).isEqualTo("StatusCode");
            assertThat(property.getInt("value")).isEqualTo(200);
        });
    }

    @Test
    @DisplayName("the response to a publication goes to its publisher and to administrators; another publisher gets 404")
    void responseGoesToItsPublisher() throws Exception {
        createPort("quotes", true, Json.createObjectBuilder());
        HttpResponse<String> answered = SIGNED.send(TestUser.PUBLISHER.sign(HttpRequest.newBuilder(
                        api.resolve("messages?responseTimeout=30")))
                .header("Content-Type", "text/plain")
                .header("Conveyor-Properties", "{\"Customer\":\"quotes-" + run + "\"}")
                .POST(HttpRequest.BodyPublishers.ofString("3 gears")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answered.statusCode()).as(answered.body()).isEqualTo(200);
        String solicitId = answered.headers().firstValue("Conveyor-Correlation-Id").orElseThrow();

        for (TestUser reader : List.of(TestUser.PUBLISHER, TestUser.ADMIN)) {
            HttpResponse<String> response = SIGNED.send(reader.sign(HttpRequest.newBuilder(api.resolve("messages/" + solicitId
                    + "/response"))).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(reader.name).isEqualTo(200);
            assertThat(response.body()).isEqualTo("<quote for=\"3 gears\"/>");
        }
        HttpResponse<String> someoneElse = SIGNED.send(TestUser.OTHER_PUBLISHER.sign(HttpRequest.newBuilder(
                api.resolve("messages/" + solicitId + "/response"))).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(someoneElse.statusCode()).as(someoneElse.body()).isEqualTo(404);
        String responseId = answered.headers().firstValue("Conveyor-Message-Id").orElseThrow();
        assertThat(json(get("messages/" + responseId).body()).getJsonArray("context").getValuesAs(JsonObject.class))
                .anySatisfy(property -> {
                    assertThat(property.getString("name")).isEqualTo("Publisher");
                    assertThat(property.getString("value")).isEqualTo(TestUser.PUBLISHER.name);
                });
    }

    @Test
    @DisplayName("a status outside successStatusCodes fails the delivery: with no retry left, the message is suspended with the status and text")
    void errorStatusSuspends() throws Exception {
        createPort("down", false, Json.createObjectBuilder());
        String id = publish("down", "<order/>", "").messageId;

        InContainerSupport.eventually().until(() -> get("suspended?port=down-" + run).body().contains(id));
        assertThat(get("suspended?port=down-" + run).body()).contains("HTTP 503").contains("maintenance until noon");
    }

    @Test
    @DisplayName("a partner that answers a two-way port with an endless stream: the exchange is cut off, the message suspended with why, the server unharmed")
    void endlessAnswerIsCutOff() throws Exception {
        createPort("endless", true, Json.createObjectBuilder().add("requestTimeoutSeconds", "5"));
        String id = publish("endless", "<quote-request/>", "").messageId;

        InContainerSupport.eventually().atMost(Duration.ofSeconds(60)).until(() -> get("suspended?port=endless-" + run).body()
                .contains(id));
        assertThat(get("suspended?port=endless-" + run).body()).containsAnyOf("maxResponseBytes", "timed out", "timeout");
        assertThat(endlessAnswerDropped.await(30, TimeUnit.SECONDS)).as("the connector stopped reading").isTrue();
        assertThat(get("adapters").statusCode()).isEqualTo(200);
    }

    @Test
    @DisplayName("a redirect is not followed: the delivery fails with the status, and the other origin receives nothing, credentials least of all")
    void redirectIsNotFollowed() throws Exception {
        createPort("moved", false, Json.createObjectBuilder().add("username", "acme").add("password", "s3cret"));
        String id = publish("moved", "<order id=\"8\"/>", "").messageId;

        InContainerSupport.eventually().until(() -> get("suspended?port=moved-" + run).body().contains(id));
        assertThat(get("suspended?port=moved-" + run).body()).contains("302");
        assertThat(redirectedTo).isEmpty();
    }

    @Test
    @DisplayName("bad HTTP endpoints are refused when the port is saved, naming the field")
    void badEndpointsRefused() throws Exception {
        assertThat(createPortRaw("bad-" + run, "ftp://127.0.0.1/x", false, Json.createObjectBuilder()).body())
                .contains("\"field\":\"primaryTransport.address\"");
        assertThat(createPortRaw("bad-" + run, "http://127.0.0.1/x", false, Json.createObjectBuilder().add("method", "DELETE")).body())
                .contains("\"field\":\"primaryTransport.properties.method\"");
        assertThat(createPortRaw("bad-" + run, "http://acme:s3cret@127.0.0.1/x", false, Json.createObjectBuilder()).body())
                .contains("\"field\":\"primaryTransport.address\"");
    }

    /** Answers 200 with a chunked body that never ends, until the connector drops the connection. */
    private void answerEndlessly(HttpExchange exchange) throws IOException {
        read(exchange);
        byte[] chunk = new byte[64 * 1024];
        Arrays.fill(chunk, (byte) 'x');
        exchange.getResponseHeaders().add("Content-Type", "text/plain");
        exchange.sendResponseHeaders(200, 0);
        try (OutputStream body = exchange.getResponseBody()) {
            while (true) {
                body.write(chunk);
            }
        } catch (IOException dropped) {
            endlessAnswerDropped.countDown();
        }
    }

    private void answer(HttpExchange exchange, int status, String body) throws IOException {
        String requestBody = read(exchange);
        received.put(exchange.getRequestHeaders().getFirst("Conveyor-Message-Id"), new Received(exchange.getRequestMethod(),
                requestBody, exchange.getRequestHeaders().getFirst("Content-Type"),
                exchange.getRequestHeaders().getFirst("Authorization")));
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/xml");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private static String read(HttpExchange exchange) throws IOException {
        if (exchange.getAttribute("body") == null) {
            exchange.setAttribute("body", new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        }
        return (String) exchange.getAttribute("body");
    }

    private void createPort(String path, boolean twoWay, jakarta.json.JsonObjectBuilder properties) throws Exception {
        HttpResponse<String> created = createPortRaw(path + "-" + run, "http://127.0.0.1:" + partner.getAddress().getPort()
                + "/" + path, twoWay, properties);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    }

    private HttpResponse<String> createPortRaw(String name, String address, boolean twoWay,
                                               jakarta.json.JsonObjectBuilder properties) throws Exception {
        String port = Json.createObjectBuilder().add("name", name).add("twoWay", twoWay)
                .add("filter", "Customer = '" + name + "'")
                .add("primaryTransport", Json.createObjectBuilder().add("adapter", "HTTP").add("address", address)
                        .add("retryCount", 0).add("properties", properties)).build().toString();
        return HTTP.send(HttpRequest.newBuilder(api.resolve("ports")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(port)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A publication's answer. */
    private record Published(String messageId) {
    }

    private Published publish(String path, String body, String query) throws Exception {
        HttpResponse<String> published = HTTP.send(HttpRequest.newBuilder(api.resolve("messages" + query))
                .header("Content-Type", "application/xml")
                .header("Conveyor-Properties", "{\"Customer\":\"" + path + "-" + run + "\"}")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(published.statusCode()).as(published.body()).isEqualTo(201);
        return new Published(json(published.body()).getString("messageId"));
    }

    private HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(api.resolve(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonObject json(String body) {
        try (JsonReader reader = Json.createReader(new StringReader(body))) {
            return reader.readObject();
        }
    }
}
