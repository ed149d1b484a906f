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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
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
 * The engine's metrics as Prometheus scrapes them from WildFly's micrometer subsystem at {@code /metrics} on the
 * management interface: per port and adapter what was published, delivered, failed, suspended, resumed and terminated,
 * the delivery latency, the backlog, proxy batch sizes, claim and commit timings.
 */
@RunAsClient
@ExtendWith(ArquillianExtension.class)
class MetricsIT {

    private static final HttpClient HTTP = TestUser.ALL.client().connectTimeout(Duration.ofSeconds(10)).build();
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private URI api;
    private URI metrics;

    @ArquillianResource
    ManagementClient management;

    @Deployment
    static EnterpriseArchive deployment() {
        return ConveyorDeployment.ear(MetricsIT.class);
    }

    @BeforeEach
    void addresses() {
        api = management.getWebUri().resolve("/api/");
        metrics = URI.create("http://" + management.getMgmtAddress() + ":" + management.getMgmtPort() + "/metrics");
    }

    @Test
    @DisplayName("a port's published, delivered, failed, suspended, resumed and terminated messages, its latency and backlog are scraped per port and adapter")
    void perPortCounters() throws Exception {
        String port = "metrics-" + run;
        createPort(port, "PROBE_SINGLE", "probe://metrics", 0);
        publish(Map.of());
        publish(Map.of());
        String failing = publish(Map.of("Outcome", "THROW"));
        Map<String, String> tags = Map.of("port", port, "adapter", "PROBE_SINGLE");

        await().atMost(PATIENCE).untilAsserted(() -> {
            String scraped = scrape();
            assertThat(value(scraped, "conveyor_messages_published_total", tags)).isEqualTo(3);
            assertThat(value(scraped, "conveyor_messages_delivered_total", tags)).isEqualTo(2);
            assertThat(value(scraped, "conveyor_delivery_failures_total", tags)).isEqualTo(1);
            assertThat(value(scraped, "conveyor_messages_suspended_total", tags)).isEqualTo(1);
            assertThat(value(scraped, "conveyor_delivery_latency_seconds_count", tags)).isEqualTo(2);
            assertThat(value(scraped, "conveyor_delivered_within_seconds_total", with(tags, "le", "+Inf"))).isEqualTo(2);
            assertThat(value(scraped, "conveyor_backlog", Map.of("port", port, "state", "SUSPENDED"))).isEqualTo(1);
        });

        // resumed, it fails again (its Outcome property still says so) and is suspended again; then terminated
        assertThat(post("suspended/resume", "{\"ids\":[\"" + failing + "\"]}").statusCode()).isEqualTo(200);
        await().atMost(PATIENCE).untilAsserted(() -> {
            String scraped = scrape();
            assertThat(value(scraped, "conveyor_messages_resumed_total", tags)).isEqualTo(1);
            assertThat(value(scraped, "conveyor_delivery_failures_total", tags)).isEqualTo(2);
            assertThat(value(scraped, "conveyor_messages_suspended_total", tags)).isEqualTo(2);
        });
        HttpResponse<String> terminated = post("suspended/terminate", "{\"ids\":[\"" + failing + "\"]}");
        assertThat(json(terminated.body()).getJsonArray("results").getJsonObject(0).getBoolean("applied"))
                .as(terminated.body()).isTrue();

        await().atMost(PATIENCE).untilAsserted(() -> {
            String scraped = scrape();
            assertThat(value(scraped, "conveyor_messages_terminated_total", tags)).isEqualTo(1);
            assertThat(value(scraped, "conveyor_backlog", Map.of("port", port, "state", "SUSPENDED"))).isZero();
            assertThat(value(scraped, "conveyor_messages_delivered_total", tags)).isEqualTo(2);
            assertThat(value(scraped, "conveyor_claim_seconds_count", Map.of("adapter", "PROBE_SINGLE"))).isPositive();
            assertThat(value(scraped, "conveyor_commit_seconds_count", Map.of("work", "publication"))).isPositive();
            assertThat(value(scraped, "conveyor_commit_seconds_count", Map.of("work", "disposition"))).isPositive();
            assertThat(value(scraped, "conveyor_commit_seconds_count", Map.of("work", "operator"))).isPositive();
        });
    }

    @Test
    @DisplayName("an adapter reporting through proxy batches has its batch sizes and their commits scraped")
    void proxyBatches() throws Exception {
        String port = "metrics-file-" + run;
        Path directory = Files.createDirectories(Path.of(System.getProperty("conveyor.test.files"), port));
        createPort(port, "FILE", "file://" + directory + "/%MessageID%.xml", 3);
        double before = valueOrZero(scrape(), "conveyor_proxy_batch_size_count", Map.of("adapter", "FILE"));
        publish(Map.of());

        await().atMost(PATIENCE).untilAsserted(() -> {
            String scraped = scrape();
            assertThat(value(scraped, "conveyor_messages_delivered_total", Map.of("port", port, "adapter", "FILE")))
                    .isEqualTo(1);
            assertThat(value(scraped, "conveyor_proxy_batch_size_count", Map.of("adapter", "FILE"))).isGreaterThan(before);
            assertThat(value(scraped, "conveyor_proxy_batch_size_sum", Map.of("adapter", "FILE"))).isPositive();
            assertThat(value(scraped, "conveyor_commit_seconds_count", Map.of("work", "proxy-batch"))).isPositive();
        });
    }

    private void createPort(String name, String adapter, String address, int retryCount)
            throws IOException, InterruptedException {
        String port = Json.createObjectBuilder().add("name", name).add("filter", "Customer = '" + run + "'")
                .add("primaryTransport", Json.createObjectBuilder().add("adapter", adapter).add("address", address)
                        .add("retryCount", retryCount)).build().toString();
        HttpResponse<String> created = post("ports", port);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    }

    /** Publishes a message for this run's ports; returns its work item's identity (it has one port). */
    private String publish(Map<String, String> properties) throws IOException, InterruptedException {
        var promoted = Json.createObjectBuilder().add("Customer", run);
        properties.forEach(promoted::add);
        HttpResponse<String> published = send(HttpRequest.newBuilder(api.resolve("messages"))
                .header("Conveyor-Properties", promoted.build().toString())
                .POST(HttpRequest.BodyPublishers.ofString("for the metrics")));
        assertThat(published.statusCode()).as(published.body()).isEqualTo(201);
        return json(published.body()).getJsonArray("routedTo").getJsonObject(0).getString("workItemId");
    }

    private String scrape() throws IOException, InterruptedException {
        HttpResponse<String> scraped = send(HttpRequest.newBuilder(metrics).GET());
        assertThat(scraped.statusCode()).as(scraped.body()).isEqualTo(200);
        return scraped.body();
    }

    /** The value of the sample of {@code name} whose labels include {@code labels}; fails when there is none. */
    private static double value(String scraped, String name, Map<String, String> labels) {
        return Arrays.stream(scraped.split("\n"))
                .filter(line -> line.startsWith(name + "{") && labels.entrySet().stream()
                        .allMatch(label -> line.contains(label.getKey() + "=\"" + label.getValue() + "\"")))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .reduce(Double::sum)
                .orElseThrow(() -> new AssertionError("no sample " + name + labels + " in the scrape"));
    }

    private static double valueOrZero(String scraped, String name, Map<String, String> labels) {
        try {
            return value(scraped, name, labels);
        } catch (AssertionError none) {
            return 0;
        }
    }

    private static Map<String, String> with(Map<String, String> labels, String key, String value) {
        Map<String, String> more = new HashMap<>(labels);
        more.put(key, value);
        return more;
    }

    private HttpResponse<String> post(String path, String json) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(api.resolve(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    private static JsonObject json(String body) {
        try (JsonReader reader = Json.createReader(new StringReader(body))) {
            return reader.readObject();
        }
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return HTTP.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
