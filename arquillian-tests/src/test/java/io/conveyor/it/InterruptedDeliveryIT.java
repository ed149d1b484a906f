package io.conveyor.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.conveyor.it.ConveyorDeployment.ProbeType;
import jakarta.json.Json;
import jakarta.json.JsonArray;
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
 * A message whose delivery kills the server (a partner's endless answer exhausting the heap, say) must not kill it
 * again after every restart: each restart counts the delivery as interrupted, and after
 * {@code conveyor.delivery.maxInterruptions} (2 on the crash server) the message is suspended with the reason, and the
 * server stays up.
 */
@RunAsClient
@ExtendWith(ArquillianExtension.class)
class InterruptedDeliveryIT {

    private static final String DEPLOYMENT = "interrupted";
    private static final HttpClient HTTP = TestUser.ALL.client().connectTimeout(Duration.ofSeconds(5)).build();

    private final String run = UUID.randomUUID().toString().substring(0, 8);

    @ArquillianResource
    ContainerController controller;
    @ArquillianResource
    Deployer deployer;
    @ArquillianResource
    @TargetsContainer(CrashServer.CONTAINER)
    ManagementClient management;

    private CrashServer crash;
    /** The crash server's REST API, once it is started. */
    private URI api;

    @Deployment(name = DEPLOYMENT, managed = false, testable = false)
    @TargetsContainer(CrashServer.CONTAINER)
    static EnterpriseArchive deployment() {
        return ConveyorDeployment.ear(InterruptedDeliveryIT.class);
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
    @DisplayName("a message that kills its server at every delivery is suspended after the second restart, and the server stays up")
    void poisonMessageEndsSuspended() throws Exception {
        api = crash.startAndDeploy(DEPLOYMENT);
        String port = "poison-" + run;
        String definition = Json.createObjectBuilder().add("name", port).add("filter", "Customer = '" + port + "'")
                .add("primaryTransport", Json.createObjectBuilder().add("adapter", ProbeType.PROBE_SINGLE.name())
                        .add("address", "probe://poison").add("retryCount", 3)).build().toString();
        assertThat(send(HttpRequest.newBuilder(api.resolve("ports")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(definition))).statusCode()).isEqualTo(201);
        String messageId = publishPoison(port);

        crash.restartAfterHalt();
        crash.restartAfterHalt();
        assertThat(controller.isStarted(CrashServer.CONTAINER)).as("the server stays up after the second restart").isTrue();

        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> suspended(port).size() == 1);
        JsonObject item = suspended(port).getJsonObject(0);
        if (messageId != null) {
            assertThat(item.getString("messageId")).isEqualTo(messageId);
        }
        assertThat(item.getString("errorText")).contains("interrupted 2 times in a row without an outcome");
        assertThat(send(HttpRequest.newBuilder(api.resolve("adapters")).GET()).statusCode()).isEqualTo(200);
    }

    /**
     * Publishes the poison message; returns its identity, or {@code null} when the server halted (delivering it, after
     * its commit) before the answer reached the client, which the first delivery may do as soon as the commit is made.
     */
    private String publishPoison(String port) throws InterruptedException {
        try {
            HttpResponse<String> published = send(HttpRequest.newBuilder(api.resolve("messages"))
                    .header("Conveyor-Properties", "{\"Customer\":\"" + port + "\",\"Outcome\":\"HALT\"}")
                    .POST(HttpRequest.BodyPublishers.ofString("poison")));
            assertThat(published.statusCode()).as(published.body()).isEqualTo(201);
            return json(published.body()).getString("messageId");
        } catch (IOException answerLostWithTheServer) {
            return null;
        }
    }

    private JsonArray suspended(String port) throws IOException, InterruptedException {
        try (JsonReader reader = Json.createReader(new StringReader(send(HttpRequest.newBuilder(
                api.resolve("suspended?port=" + port)).GET()).body()))) {
            return reader.readArray();
        }
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return HTTP.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonObject json(String body) {
        try (JsonReader reader = Json.createReader(new StringReader(body))) {
            return reader.readObject();
        }
    }
}
