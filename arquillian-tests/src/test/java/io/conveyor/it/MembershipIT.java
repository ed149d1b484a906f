package io.conveyor.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.conveyor.engine.admin.SuspendedMessages;
import io.conveyor.engine.messagebox.ClaimStore;
import io.conveyor.engine.messagebox.Delivery;
import io.conveyor.engine.messagebox.ServerState;
import io.conveyor.engine.messagebox.ServerStore;
import io.conveyor.engine.messagebox.WorkItem;
import io.conveyor.engine.messagebox.WorkItemState;
import io.conveyor.engine.ports.PortState;
import io.conveyor.engine.ports.SendPortDefinition;
import io.conveyor.engine.ports.TransportSettings;
import io.conveyor.engine.routing.PublishReceipt;
import io.conveyor.it.ConveyorDeployment.ProbeType;
import io.conveyor.it.probe.Probe;
import io.conveyor.it.probe.ProbeState;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.transaction.UserTransaction;
import java.io.StringReader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.as.arquillian.container.ManagementClient;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Server membership (decision 39) on a running server: it registered and heartbeats, as {@code GET /api/servers}
 * shows; a server gone silent, played by a row written with an old heartbeat and a delivery claimed under its
 * identity, is declared dead by this server's supervisor, and its delivery is made by this server long before the
 * lease it was claimed under would have run out.
 */
@Tag("messagebox")
@ExtendWith(ArquillianExtension.class)
class MembershipIT extends InContainerSupport {

    @Inject
    ServerStore servers;
    @Inject
    ClaimStore claims;
    @Inject
    SuspendedMessages suspended;
    @Inject
    UserTransaction transaction;
    /** Injected on either side; the REST call runs on the client, where the test users' credentials are. */
    @ArquillianResource
    ManagementClient management;

    @Deployment
    static EnterpriseArchive deployment() {
        return ConveyorDeployment.ear(MembershipIT.class);
    }

    @Test
    @RunAsClient
    @DisplayName("GET /api/servers lists this server, RUNNING, marked self, its heartbeat moving")
    void thisServerListed() throws Exception {
        JsonObject self = self();
        assertThat(self.getString("state")).isEqualTo(ServerState.RUNNING.name());
        assertThat(self.getJsonNumber("inProcess").longValue()).isNotNegative();
        Instant started = Instant.parse(self.getString("startedAt"));
        Instant heartbeat = Instant.parse(self.getString("lastHeartbeat"));
        assertThat(heartbeat).isAfterOrEqualTo(started);

        eventually().until(() -> Instant.parse(self().getString("lastHeartbeat")).isAfter(heartbeat));
        assertThat(self().getString("startedAt")).as("a heartbeat does not restart it").isEqualTo(started.toString());
    }

    @Test
    @DisplayName("a server silent past the dead-after time is declared DEAD and the delivery it held is made by this server")
    void silentServerDeclaredDead() throws Exception {
        ProbeState probe = Probe.of(ProbeType.PROBE_SINGLE.name());
        // stopped, so that the message waits suspended until it is claimed for the silent server; priority 1, so that
        // the claim takes it before any other due work of the adapter
        ports.create(TESTER, new SendPortDefinition(portName("orphan"), "Run = '" + run + "' and Target = 'orphan'",
                PortState.STOPPED, 1, new TransportSettings(ProbeType.PROBE_SINGLE.name(), "probe://orphan", Map.of(), 0,
                1), null));
        PublishReceipt receipt = publish("orphan", "left behind");
        WorkItem waiting = workItemsOf("orphan").get(0);
        assertThat(waiting.state()).isEqualTo(WorkItemState.SUSPENDED);

        String silent = "silent-" + run;
        // resumed and claimed in one transaction, so that no dispatcher of this server sees it ready in between
        transaction.begin();
        List<Delivery> claimed;
        Instant now;
        try {
            assertThat(suspended.resume(TESTER, List.of(waiting.id()))).singleElement()
                    .satisfies(result -> assertThat(result.applied()).isTrue());
            now = clock.instant();
            claimed = claims.claim(ProbeType.PROBE_SINGLE.name(), 1, silent, now, now.plus(Duration.ofDays(1)));
            transaction.commit();
        } catch (Exception | AssertionError e) {
            transaction.rollback();
            throw e;
        }
        assertThat(claimed).singleElement().satisfies(delivery -> assertThat(delivery.workItem().id()).isEqualTo(waiting.id()));
        WorkItem held = workItemsOf("orphan").get(0);
        assertThat(held.state()).isEqualTo(WorkItemState.IN_PROCESS);
        assertThat(held.leaseOwner()).isEqualTo(silent);
        servers.register(silent, now.minus(Duration.ofHours(1)));
        assertThat(member(silent).inProcess()).isEqualTo(1);

        eventually().until(() -> member(silent).state() == ServerState.DEAD);
        eventually().until(() -> gone(receipt.messageId()));
        assertThat(probe.delivered()).containsKey(receipt.messageId());
        assertThat(member(silent).inProcess()).isZero();
        assertThat(clock.instant()).as("long before the silent server's lease would have run out")
                .isBefore(now.plus(Duration.ofDays(1)));
    }

    private ServerStore.Member member(String id) {
        return servers.members().stream().filter(member -> member.id().equals(id)).findFirst().orElseThrow();
    }

    /** This server's entry in {@code GET /api/servers}, read as a viewer; there must be exactly one. */
    private JsonObject self() throws Exception {
        HttpResponse<String> answer = HttpClient.newHttpClient().send(TestUser.VIEWER.sign(HttpRequest.newBuilder(
                management.getWebUri().resolve("/api/servers")).timeout(Duration.ofSeconds(10))).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        try (JsonReader reader = Json.createReader(new StringReader(answer.body()))) {
            JsonArray servers = reader.readArray();
            List<JsonObject> self = servers.getValuesAs(JsonObject.class).stream()
                    .filter(server -> server.getBoolean("self")).toList();
            assertThat(self).as(answer.body()).hasSize(1);
            return self.get(0);
        }
    }
}
