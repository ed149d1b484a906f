package io.conveyor.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.conveyor.it.ConveyorDeployment.ProbeType;
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
import java.util.UUID;
import org.awaitility.Awaitility;
import org.jboss.arquillian.container.test.api.ContainerController;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.container.test.api.TargetsContainer;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.as.arquillian.container.ManagementClient;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Exactly once across a crash (send-adapter contract §3.4, §5 in {@code docs/send-adapter-contract.md}): the server is
 * killed between the prepare and the commit of the XA transaction that writes a row to the target database, publishes
 * the response and deletes the request; after the restart, Narayana's recovery finishes the commit, and all three are
 * present, once. The crash server's transaction recovery waits long enough (arquillian.xml) that the engine deploys
 * while the MessageBox still holds the in-doubt transaction's locks: the engine must not wait for them.
 */
@RunAsClient
@ExtendWith(ArquillianExtension.class)
class CrashRecoveryIT {

    private static final String CONTAINER = CrashServer.CONTAINER;
    private static final String DEPLOYMENT = "crash";
    private static final HttpClient HTTP = TestUser.ALL.client().connectTimeout(Duration.ofSeconds(5)).build();

    private final String run = UUID.randomUUID().toString().substring(0, 8);

    @ArquillianResource
    ContainerController controller;
    @ArquillianResource
    Deployer deployer;
    @ArquillianResource
    @TargetsContainer(CONTAINER)
    ManagementClient management;

    private CrashServer crash;
    /** The crash server's REST API, once it is started. */
    private URI api;

    @Deployment(name = DEPLOYMENT, managed = false, testable = false)
    @TargetsContainer(CONTAINER)
    static EnterpriseArchive deployment() {
        return ConveyorDeployment.ear(CrashRecoveryIT.class);
    }

    @BeforeEach
    void crashServer() {
        crash = new CrashServer(controller, deployer, management);
    }

    /** Whatever state the test left the server in: undeployed and stopped. */
    @AfterEach
    void cleanUp() {
        crash.cleanUp();
    }

    @Test
    @DisplayName("killed between prepare and commit, the server deploys at once and recovers the transaction: the row, the response and the deletion, all present once")
    void recoversAfterKill() throws Exception {
        api = crash.startAndDeploy(DEPLOYMENT);
        createPort("crash-" + run, ProbeType.PROBE_TX.name(), "probe://crash", true, null);
        createPort("count-" + run, "SQL", "sql://count", true,
                "select count(*) as n from probe_target where message_id = :Id");
        String id = publish("crash-" + run, "{\"Customer\":\"crash-" + run + "\",\"Fault\":\"HALT_IN_COMMIT\"}", "");

        crash.restartAfterHalt();
        assertThat(get("adapters").statusCode()).as("the engine deployed while the transaction is still in doubt")
                .isEqualTo(200);

        Awaitility.await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofSeconds(1))
                .until(() -> get("messages/" + id).statusCode() == 404 && get("messages/" + id + "/response").statusCode() == 200);
        assertThat(get("messages/" + id + "/response").body()).isEqualTo("written " + id);
        String count = publish("count-" + run, "{\"Customer\":\"count-" + run + "\",\"Id\":\"" + id + "\"}", "?responseTimeout=30");
        assertThat(count).isEqualTo("[{\"n\":1}]");
    }

    private void createPort(String name, String adapter, String address, boolean twoWay, String statement) throws Exception {
        var transport = Json.createObjectBuilder().add("adapter", adapter).add("address", address).add("retryCount", 0);
        if (statement != null) {
            transport.add("properties", Json.createObjectBuilder().add("statement", statement));
        }
        String port = Json.createObjectBuilder().add("name", name).add("twoWay", twoWay)
                .add("filter", "Customer = '" + name + "'").add("primaryTransport", transport).build().toString();
        HttpResponse<String> created = HTTP.send(HttpRequest.newBuilder(api.resolve("ports"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(port)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    }

    /** Publishes; returns the message identity, or with a response timeout, the response body. */
    private String publish(String port, String properties, String query) throws Exception {
        HttpResponse<String> published = HTTP.send(HttpRequest.newBuilder(api.resolve("messages" + query))
                .header("Conveyor-Properties", properties)
                .POST(HttpRequest.BodyPublishers.ofString("crash test")).build(), HttpResponse.BodyHandlers.ofString());
        if (!query.isEmpty()) {
            assertThat(published.statusCode()).as(published.body()).isEqualTo(200);
            return published.body();
        }
        assertThat(published.statusCode()).as(published.body()).isEqualTo(201);
        return json(published.body()).getString("messageId");
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(api.resolve(path)).timeout(Duration.ofSeconds(5)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static JsonObject json(String body) {
        try (JsonReader reader = Json.createReader(new StringReader(body))) {
            return reader.readObject();
        }
    }
}
