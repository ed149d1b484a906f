package io.conveyor.it;

import io.conveyor.adapter.Message;
import io.conveyor.engine.admin.Actor;
import io.conveyor.engine.admin.AdapterAdministration;
import io.conveyor.engine.admin.PortAdministration;
import io.conveyor.engine.messagebox.EngineMessage;
import io.conveyor.engine.messagebox.EngineMessageFactory;
import io.conveyor.engine.messagebox.MessageBoxQueries;
import io.conveyor.engine.messagebox.WorkItem;
import io.conveyor.engine.ports.PortState;
import io.conveyor.engine.ports.SendPort;
import io.conveyor.engine.ports.SendPortDefinition;
import io.conveyor.engine.ports.TransportSettings;
import io.conveyor.engine.routing.PublishReceipt;
import io.conveyor.engine.routing.PublishService;
import io.conveyor.engine.runtime.EngineClock;
import io.conveyor.it.probe.Probe;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterEach;

/**
 * What the in-container tests share: the engine's service API, and helpers that give every test its own send ports
 * and messages (a unique {@code Run} property in every filter), so tests never see each other's work.
 */
public abstract class InContainerSupport {

    protected static final EngineMessageFactory FACTORY = new EngineMessageFactory();
    /** Who the tests' administrative changes are recorded as in the audit trail. */
    protected static final Actor TESTER = new Actor("in-container-test");

    @Inject
    protected PortAdministration ports;
    @Inject
    protected PublishService publisher;
    @Inject
    protected MessageBoxQueries queries;
    @Inject
    protected AdapterAdministration adapters;
    @Inject
    protected EngineClock clock;

    /** A test that scripted a probe ({@code always(HOLD)}, say) does not leave the script to the next test. */
    @AfterEach
    void restoreProbeScripts() {
        Probe.resetScripts();
    }

    /** This test's identity; every port it creates subscribes only to messages carrying it. */
    protected final String run = UUID.randomUUID().toString().substring(0, 8);

    /** A started port for this test's messages with {@code Target = name}. */
    protected SendPort port(String name, String adapter, int retryCount, int retryInterval) {
        return port(name, new TransportSettings(adapter, "probe://" + name, Map.of(), retryCount, retryInterval), null);
    }

    protected SendPort port(String name, TransportSettings primary, TransportSettings backup) {
        return ports.create(TESTER, new SendPortDefinition(portName(name),
                "Run = '" + run + "' and Target = '" + name + "'", PortState.STARTED, SendPortDefinition.DEFAULT_PRIORITY, primary, backup));
    }

    protected String portName(String name) {
        return name + "-" + run;
    }

    /** A message for this test's port {@code target}, with extra promoted properties. */
    protected EngineMessage message(String target, String body, Map<String, Object> promoted) {
        EngineMessage message = FACTORY.createMessage();
        message.context().promote("Run", "", run);
        message.context().promote("Target", "", target);
        promoted.forEach((name, value) -> message.context().promote(name, "", value));
        message.addPart("body", FACTORY.createMessagePart(body.getBytes(StandardCharsets.UTF_8), "text/plain", "UTF-8"), true);
        return message;
    }

    protected PublishReceipt publish(String target, String body) {
        return publisher.publish(message(target, body, Map.of()));
    }

    protected PublishReceipt publish(String target, String body, Map<String, Object> promoted) {
        return publisher.publish(message(target, body, promoted));
    }

    protected List<WorkItem> workItemsOf(String target) {
        return queries.workItems(portName(target), null, 1000);
    }

    protected boolean gone(String messageId) {
        return queries.message(messageId).isEmpty();
    }

    protected static ConditionFactory eventually() {
        return Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50));
    }

    protected static String text(Message message) throws java.io.IOException {
        try (var in = message.bodyPart().openStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
