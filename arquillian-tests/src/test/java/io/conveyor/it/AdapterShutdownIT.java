package io.conveyor.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.conveyor.it.ConveyorDeployment.ProbeType;
import io.conveyor.it.probe.ProbeRecords;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployer;
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
 * The end of an adapter's life (send-adapter contract §1.5, §1.3 in {@code docs/send-adapter-contract.md}): undeploying
 * the application terminates each adapter once, lets it drain what it holds, refuses its new publications meanwhile,
 * and gives up on one that never returns. L11–L14, L17.
 */
@RunAsClient
@ExtendWith(ArquillianExtension.class)
class AdapterShutdownIT {

    private static final String DEPLOYMENT = "conveyor";
    private static final HttpClient HTTP = TestUser.ALL.client().connectTimeout(Duration.ofSeconds(10)).build();

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final Path serverBase = Path.of(System.getProperty("conveyor.server.base"));

    @ArquillianResource
    Deployer deployer;
    @ArquillianResource
    ManagementClient management;

    /** The server's REST API, at the address Arquillian's management client reports for its HTTP listener. */
    private URI api;
    /** Whether the test's deployment is deployed now: what {@link #undeployWhatIsDeployed()} undeploys. */
    private boolean deployed;
    /** The FILE connector's batch size before the test changed it, if it did: what {@link #restoreBatchSize()} restores. */
    private String batchSizeToRestore;

    @Deployment(name = DEPLOYMENT, managed = false, testable = false)
    static EnterpriseArchive deployment() {
        return ConveyorDeployment.ear(AdapterShutdownIT.class);
    }

    @BeforeEach
    void locateApi() {
        api = management.getWebUri().resolve("/api/");
    }

    /** A test that changed the FILE connector's configuration leaves it as it found it, however far it got. */
    @AfterEach
    void restoreBatchSize() throws Exception {
        if (batchSizeToRestore != null) {
            ModelNode restored = management.getControllerClient().execute(writeBatchSize(batchSizeToRestore));
            assertThat(restored.get("outcome").asString()).as(restored.toString()).isEqualTo("success");
            batchSizeToRestore = null;
        }
    }

    /** A test that stopped (or failed) with the application deployed leaves it undeployed. */
    @AfterEach
    void undeployWhatIsDeployed() {
        if (deployed) {
            undeploy();
        }
    }

    @Test
    @DisplayName("L12 L13 L14 undeploying terminates the adapter once; it drains its 3 held messages while new publications are refused, before its connector stops")
    void terminateDrainsHeldMessages() throws Exception {
        Files.deleteIfExists(records().resolve(ProbeType.PROBE_SINGLE.name() + ".log"));
        deploy();
        createPort("drain", ProbeType.PROBE_SINGLE.name());
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ids.add(publish("drain", "HOLD"));
        }
        InContainerSupport.eventually().until(() -> get("work-items?port=drain-" + run).body().split("IN_PROCESS", -1).length - 1 == 3);

        undeploy();
        List<String> lines = ProbeRecords.read(serverBase.resolve("data"), ProbeType.PROBE_SINGLE.name());
        assertThat(lines).containsExactly("terminate called", "submission during terminate: SHUTTING_DOWN", "drained 3: OK",
                "terminate returned", "connector stopped");

        deploy();
        for (String id : ids) {
            assertThat(get("messages/" + id).statusCode()).as("message " + id + " was drained, not delivered again").isEqualTo(404);
        }
    }

    @Test
    @DisplayName("L17 an adapter that never returns from terminate is given up on after the deadline, and the undeployment completes")
    void stuckAdapterIsGivenUpOn() throws Exception {
        deploy();
        createPort("stuck", ProbeType.PROBE_STUCK.name());
        String id = publish("stuck", "SEND");
        InContainerSupport.eventually().until(() -> get("messages/" + id).statusCode() == 404);

        undeploy();

        assertThat(ProbeRecords.read(serverBase.resolve("data"), ProbeType.PROBE_STUCK.name()))
                .contains("blocking in terminate").doesNotContain("terminate returned");
        assertThat(Files.readString(serverBase.resolve("log/server.log")))
                .contains("adapter PROBE_STUCK did not return from terminate within PT5S");
    }

    @Test
    @DisplayName("L11 a handler configuration change made while the server runs is not seen by the running adapter")
    void handlerConfigurationReadOnce() throws Exception {
        deploy();
        createPort("config", "FILE");
        assertThat(batchSize()).isEqualTo(20);
        batchSizeToRestore = configuredBatchSize();
        ModelNode result = management.getControllerClient().execute(writeBatchSize("7"));
        assertThat(result.get("outcome").asString()).isEqualTo("success");
        assertThat(result.get("response-headers", "operation-requires-reload").asBoolean(false)).isTrue();

        assertThat(batchSize()).isEqualTo(20);
    }

    private void deploy() {
        deployer.deploy(DEPLOYMENT);
        deployed = true;
    }

    private void undeploy() {
        deployer.undeploy(DEPLOYMENT);
        deployed = false;
    }

    private static ModelNode writeBatchSize(String value) {
        ModelNode operation = batchSizeOperation("write-attribute");
        operation.get("value").set(value);
        return operation;
    }

    /** The FILE connector's batch size as the server's configuration holds it. */
    private String configuredBatchSize() throws Exception {
        ModelNode result = management.getControllerClient().execute(batchSizeOperation("read-attribute"));
        assertThat(result.get("outcome").asString()).as(result.toString()).isEqualTo("success");
        return result.get("result").asString();
    }

    private static ModelNode batchSizeOperation(String name) {
        ModelNode operation = new ModelNode();
        operation.get("operation").set(name);
        ModelNode address = operation.get("address");
        address.add("subsystem", "resource-adapters");
        address.add("resource-adapter", "conveyor-file");
        address.add("config-properties", "batchSize");
        operation.get("name").set("value");
        return operation;
    }

    private int batchSize() throws Exception {
        return json(get("adapters/FILE").body()).getJsonObject("handlerConfiguration").getInt("batchSize");
    }

    private void createPort(String name, String adapter) throws Exception {
        String address = adapter.equals("FILE") ? "file://" + System.getProperty("conveyor.test.files") + "/%MessageID%"
                : "probe://" + name;
        String port = Json.createObjectBuilder().add("name", name + "-" + run).add("filter", "Customer = '" + run + "-" + name + "'")
                .add("primaryTransport", Json.createObjectBuilder().add("adapter", adapter).add("address", address)
                        .add("retryCount", 0)).build().toString();
        HttpResponse<String> created = HTTP.send(HttpRequest.newBuilder(api.resolve("ports"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(port)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    }

    private String publish(String port, String outcome) throws Exception {
        HttpResponse<String> published = HTTP.send(HttpRequest.newBuilder(api.resolve("messages"))
                .header("Conveyor-Properties", "{\"Customer\":\"" + run + "-" + port + "\",\"Outcome\":\"" + outcome + "\"}")
                .POST(HttpRequest.BodyPublishers.ofString("shutdown test")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(published.statusCode()).as(published.body()).isEqualTo(201);
        return json(published.body()).getString("messageId");
    }

    private HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(api.resolve(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private Path records() {
        return serverBase.resolve("data").resolve("probe-records");
    }

    private static JsonObject json(String body) {
        try (JsonReader reader = Json.createReader(new StringReader(body))) {
            return reader.readObject();
        }
    }
}
