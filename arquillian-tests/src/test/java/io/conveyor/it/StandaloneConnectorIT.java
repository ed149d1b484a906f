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
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.as.arquillian.container.ManagementClient;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.jboss.shrinkwrap.api.spec.ResourceAdapterArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
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
    private static final HttpClient HTTP = TestUser.ALL.client().connectTimeout(Duration.ofSeconds(10)).build();

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final Path data = Path.of(System.getProperty("conveyor.server.base")).resolve("data");

    @ArquillianResource
    Deployer deployer;
    /** The management client of the server the engine goes to (with two deployments, Arquillian must be told which). */
    @ArquillianResource
    @OperateOnDeployment(ENGINE)
    ManagementClient management;

    /** The server's REST API, at the address Arquillian's management client reports for its HTTP listener. */
    private URI api;
    /** What the test has deployed now, in the order it deployed it. */
    private final Deque<String> deployed = new ArrayDeque<>();
    /** The port the test created, if it got that far. */
    private String createdPort;

    @Deployment(name = ENGINE, managed = false, testable = false, order = 1)
    static EnterpriseArchive engine() {
        return ConveyorDeployment.ear(StandaloneConnectorIT.class);
    }

    @Deployment(name = CONNECTOR, managed = false, testable = false, order = 2)
    static ResourceAdapterArchive connector() {
        return ConveyorDeployment.standaloneProbe(TYPE);
    }

    @BeforeEach
    void locateApi() {
        api = management.getWebUri().resolve("/api/");
    }

    /**
     * Undoes what the test did, as far as it got: deletes its port while the engine is still there (a port whose adapter
     * is no longer deployed would make later bindings imports on this server fail), then undeploys what it deployed,
     * the latest first (the connector before the engine).
     */
    @AfterEach
    void undo() throws Exception {
        if (createdPort != null && deployed.contains(ENGINE)) {
            HTTP.send(HttpRequest.newBuilder(api.resolve("ports/" + createdPort)).DELETE().build(),
                    HttpResponse.BodyHandlers.discarding());
            createdPort = null;
        }
        while (!deployed.isEmpty()) {
            undeploy(deployed.peek());
        }
    }

    @Test
    @DisplayName("a connector undeployed on its own has its adapter terminated first; its messages wait and go once it is back")
    void adapterTerminatedBeforeItsConnectorStops() throws Exception {
        Files.deleteIfExists(data.resolve("probe-records").resolve(TYPE + ".log"));
        deploy(ENGINE);
        deploy(CONNECTOR);
        createPort();
        String first = publish();
        InContainerSupport.eventually().until(() -> get("messages/" + first).statusCode() == 404);

        undeploy(CONNECTOR);
        assertThat(ProbeRecords.read(data, TYPE)).containsExactly("terminate called", "terminate returned",
                "connector stopped");

        String waiting = publish();
        assertThat(get("messages/" + waiting).body()).contains("\"state\":\"READY\"");
        deploy(CONNECTOR);
        InContainerSupport.eventually().until(() -> get("messages/" + waiting).statusCode() == 404);
    }

    private void deploy(String deployment) {
        deployer.deploy(deployment);
        deployed.push(deployment);
    }

    private void undeploy(String deployment) {
        deployer.undeploy(deployment);
        deployed.remove(deployment);
    }

    private void createPort() throws Exception {
        createdPort = "standalone-" + run;
        String port = Json.createObjectBuilder().add("name", createdPort).add("filter", "Customer = '" + run + "'")
                .add("primaryTransport", Json.createObjectBuilder().add("adapter", TYPE).add("address", "probe://standalone"))
                .build().toString();
        HttpResponse<String> created = HTTP.send(HttpRequest.newBuilder(api.resolve("ports"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(port)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    }

    private String publish() throws Exception {
        HttpResponse<String> published = HTTP.send(HttpRequest.newBuilder(api.resolve("messages"))
                .header("Conveyor-Properties", "{\"Customer\":\"" + run + "\"}")
                .POST(HttpRequest.BodyPublishers.ofString("standalone")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(published.statusCode()).as(published.body()).isEqualTo(201);
        try (JsonReader reader = Json.createReader(new StringReader(published.body()))) {
            return reader.readObject().getString("messageId");
        }
    }

    private HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(api.resolve(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
