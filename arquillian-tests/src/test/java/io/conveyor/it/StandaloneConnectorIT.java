package io.conveyor.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.conveyor.it.probe.ProbeRecords;
import jakarta.json.Json;
import jakarta.json.JsonReader;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.jboss.shrinkwrap.api.spec.ResourceAdapterArchive;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A connector deployed on its own, next to the engine's EAR: when it is undeployed while the engine runs, the engine
 * terminates its adapter before the connector lets its resources go; its messages wait and are delivered once it is
 * deployed again.
 */
@RunAsClient
@ExtendWith(ArquillianExtension.class)
class StandaloneConnectorIT {

    private static final String ENGINE = "conveyor";
    private static final String CONNECTOR = "standalone";
    private static final String TYPE = "PROBE_STANDALONE";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private static final URI API = URI.create("http://127.0.0.1:8180/api/");

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final Path data = Path.of(System.getProperty("conveyor.server.base")).resolve("data");

    @ArquillianResource
    Deployer deployer;

    @Deployment(name = ENGINE, managed = false, testable = false, order = 1)
    static EnterpriseArchive engine() {
        return ConveyorDeployment.ear(StandaloneConnectorIT.class);
    }

    @Deployment(name = CONNECTOR, managed = false, testable = false, order = 2)
    static ResourceAdapterArchive connector() {
        return ConveyorDeployment.standaloneProbe(TYPE);
    }

    @Test
    @DisplayName("a connector undeployed on its own has its adapter terminated first; its messages wait and go once it is back")
    void adapterTerminatedBeforeItsConnectorStops() throws Exception {
        Files.deleteIfExists(data.resolve("probe-records").resolve(TYPE + ".log"));
        deployer.deploy(ENGINE);
        deployer.deploy(CONNECTOR);
        try {
            createPort();
            String first = publish();
            InContainerSupport.eventually().until(() -> get("messages/" + first).statusCode() == 404);

            deployer.undeploy(CONNECTOR);
            assertThat(ProbeRecords.read(data, TYPE)).containsExactly("terminate called", "terminate returned",
                    "connector stopped");

            String waiting = publish();
            assertThat(get("messages/" + waiting).body()).contains("\"state\":\"READY\"");
            deployer.deploy(CONNECTOR);
            InContainerSupport.eventually().until(() -> get("messages/" + waiting).statusCode() == 404);
        } finally {
            // a port whose adapter is no longer deployed would make later bindings imports on this server fail
            HTTP.send(HttpRequest.newBuilder(API.resolve("ports/standalone-" + run)).DELETE().build(),
                    HttpResponse.BodyHandlers.discarding());
            deployer.undeploy(CONNECTOR);
            deployer.undeploy(ENGINE);
        }
    }

    private void createPort() throws Exception {
        String port = Json.createObjectBuilder().add("name", "standalone-" + run).add("filter", "Customer = '" + run + "'")
                .add("primaryTransport", Json.createObjectBuilder().add("adapter", TYPE).add("address", "probe://standalone"))
                .build().toString();
        HttpResponse<String> created = HTTP.send(HttpRequest.newBuilder(API.resolve("ports"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(port)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    }

    private String publish() throws Exception {
        HttpResponse<String> published = HTTP.send(HttpRequest.newBuilder(API.resolve("messages"))
                .header("Conveyor-Properties", "{\"Customer\":\"" + run + "\"}")
                .POST(HttpRequest.BodyPublishers.ofString("standalone")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(published.statusCode()).as(published.body()).isEqualTo(201);
        try (JsonReader reader = Json.createReader(new StringReader(published.body()))) {
            return reader.readObject().getString("messageId");
        }
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(API.resolve(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
