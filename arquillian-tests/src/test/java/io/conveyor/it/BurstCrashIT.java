package io.conveyor.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
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
 * The server is killed (SIGKILL) in the middle of a burst of publications over REST, while the FILE connector
 * delivers them: after the restart, every publication that was acknowledged (201) is delivered; none is lost. The
 * port appends, so a message delivered twice (sent, then killed before its deletion was committed) shows as a file
 * holding its body twice: those are counted, and there are at most as many as the server may hold in flight
 * ({@code conveyor.dispatch.maxInFlight}, 200 on the crash server).
 */
@RunAsClient
@ExtendWith(ArquillianExtension.class)
class BurstCrashIT {

    private static final String DEPLOYMENT = "burst";
    private static final int MAX_IN_FLIGHT = 200;
    private static final int ACKNOWLEDGED_BEFORE_KILL = 1500;
    private static final HttpClient HTTP = TestUser.ALL.client().connectTimeout(Duration.ofSeconds(5)).build();

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final Path directory = Path.of(System.getProperty("conveyor.test.files"), "burst-" + run);
    private final Set<String> acknowledged = ConcurrentHashMap.newKeySet();

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
        return ConveyorDeployment.ear(BurstCrashIT.class);
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
    @DisplayName("killed during a burst, the server delivers every acknowledged publication after the restart; duplicates are bounded by what was in flight")
    void acknowledgedPublicationsSurviveAKill() throws Exception {
        api = crash.startAndDeploy(DEPLOYMENT);
        String definition = Json.createObjectBuilder().add("name", "burst-" + run).add("filter", "Customer = '" + run + "'")
                .add("primaryTransport", Json.createObjectBuilder().add("adapter", "FILE")
                        .add("address", "file://" + directory + "/%MessageID%.txt")
                        .add("properties", Json.createObjectBuilder().add("copyMode", "APPEND"))).build().toString();
        assertThat(send(HttpRequest.newBuilder(api.resolve("ports")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(definition))).statusCode()).isEqualTo(201);

        AtomicBoolean publishing = new AtomicBoolean(true);
        ExecutorService publishers = Executors.newFixedThreadPool(8);
        for (int i = 0; i < 8; i++) {
            publishers.execute(() -> publishUntilStopped(publishing));
        }
        Awaitility.await().atMost(Duration.ofSeconds(120)).until(() -> acknowledged.size() >= ACKNOWLEDGED_BEFORE_KILL);
        controller.kill(CrashServer.CONTAINER);
        publishing.set(false);
        publishers.shutdown();
        assertThat(publishers.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        controller.start(CrashServer.CONTAINER);

        Awaitility.await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1))
                .until(() -> acknowledged.stream().allMatch(id -> Files.exists(file(id))));
        long duplicated;
        try (Stream<Path> files = Files.list(directory)) {
            duplicated = files.filter(file -> timesDelivered(file) > 1).count();
        }
        System.out.println("BurstCrashIT: " + acknowledged.size() + " acknowledged, all delivered; " + duplicated
                + " delivered twice");
        assertThat(duplicated).isLessThanOrEqualTo(MAX_IN_FLIGHT);
    }

    /** Publishes one message per request until told to stop or the server goes away; records every 201. */
    private void publishUntilStopped(AtomicBoolean publishing) {
        while (publishing.get()) {
            try {
                HttpResponse<String> published = send(HttpRequest.newBuilder(api.resolve("messages"))
                        .header("Conveyor-Properties", "{\"Customer\":\"" + run + "\"}")
                        .POST(HttpRequest.BodyPublishers.ofString("one delivery\n")));
                if (published.statusCode() == 201) {
                    acknowledged.add(json(published.body()).getString("messageId"));
                }
            } catch (IOException serverGone) {
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private Path file(String messageId) {
        return directory.resolve(messageId + ".txt");
    }

    private static long timesDelivered(Path file) {
        try {
            return List.of(Files.readString(file, StandardCharsets.UTF_8).split("\n")).size();
        } catch (IOException e) {
            throw new IllegalStateException(e);
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
