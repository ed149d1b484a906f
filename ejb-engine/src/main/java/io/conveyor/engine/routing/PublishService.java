package io.conveyor.engine.routing;

import io.conveyor.adapter.ContextProperty;
import io.conveyor.adapter.Message;
import io.conveyor.adapter.SystemProperties;
import io.conveyor.engine.admin.ValidationException;
import io.conveyor.engine.dispatch.CommitSignals;
import io.conveyor.engine.messagebox.EngineMessage;
import io.conveyor.engine.messagebox.MessageBoxDataSource;
import io.conveyor.engine.messagebox.MessageStore;
import io.conveyor.engine.messagebox.NewWorkItem;
import io.conveyor.engine.messagebox.WorkItemState;
import io.conveyor.engine.ports.PortState;
import io.conveyor.engine.ports.SendPort;
import io.conveyor.engine.ports.SendPortDefinition;
import io.conveyor.engine.ports.TransportSettings;
import io.conveyor.engine.runtime.EngineClock;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Publishes messages into the MessageBox: routes each to the send ports whose filters its promoted properties
 * satisfy, then stores the message and one work item per port, all in the caller's transaction (or a new one).
 * A message no port subscribes to is refused and nothing of the call is stored.
 */
@ApplicationScoped
@Transactional
public class PublishService {

    /** Longest promoted value, as the MessageBox stores it for filtering. */
    public static final int MAX_PROMOTED_VALUE_LENGTH = 4000;

    @Inject
    SubscriptionTable subscriptions;
    @Inject
    MessageStore store;
    @Inject
    EngineClock clock;
    @Inject
    CommitSignals commitSignals;
    @Inject
    DynamicTransportResolver resolver;
    @Inject
    ResponseWaiters responseWaiters;

    /**
     * Publishes one message made with the engine's message factory.
     *
     * @throws ValidationException     when the message is malformed (no body, a promoted value too long)
     * @throws NoSubscriptionException when no enlisted send port subscribes to it
     */
    public PublishReceipt publish(Message message) {
        return publishAll(List.of(message)).get(0);
    }

    /** Publishes several messages in one transaction: all are stored, or (on any refusal) none. */
    public List<PublishReceipt> publishAll(List<? extends Message> messages) {
        List<Routed> routed = new ArrayList<>(messages.size());
        for (int i = 0; i < messages.size(); i++) {
            String path = messages.size() == 1 ? "" : "messages[" + i + "].";
            EngineMessage message = validate(messages.get(i), path);
            List<SendPort> ports = subscriptions.current().subscribers(message.context().promoted());
            if (ports.isEmpty()) {
                throw new NoSubscriptionException("no enlisted send port subscribes to message " + message.messageId()
                        + (messages.size() == 1 ? "" : " (messages[" + i + "])") + " with promoted properties "
                        + describe(message.context().promoted()));
            }
            routed.add(new Routed(message, ports, null));
        }
        return store(routed);
    }

    /**
     * Routes and stores a message for the transport proxy (an adapter's submission) in the caller's transaction;
     * unlike {@link #publishAll} it does not throw when the message has no subscriber.
     *
     * @return its receipt, or {@code null} when no port subscribes to it (then nothing was stored)
     */
    public PublishReceipt publishSubmitted(EngineMessage submitted) {
        EngineMessage message = validate(submitted, "");
        List<SendPort> ports = subscriptions.current().subscribers(message.context().promoted());
        return ports.isEmpty() ? null : store(List.of(new Routed(message, ports, null))).get(0);
    }

    /**
     * Stores the response of a solicit-response exchange, correlated to its solicit, and routes it to the ports
     * that subscribe to it (by {@code BTS.SPName}, say). It is stored even when no port subscribes, so the publisher
     * of the solicit can fetch it; such a response is kept for the response retention time.
     */
    public PublishReceipt publishResponse(EngineMessage response, String solicitId) {
        EngineMessage message = validate(response, "");
        List<SendPort> ports = subscriptions.current().subscribers(message.context().promoted());
        PublishReceipt receipt = store(List.of(new Routed(message, ports, solicitId))).get(0);
        responseWaiters.wakeAfterCommit(solicitId);
        return receipt;
    }

    private List<PublishReceipt> store(List<Routed> routed) {
        Instant now = clock.instant();
        List<MessageStore.Publication> publications = new ArrayList<>(routed.size());
        Set<String> adapters = new HashSet<>();
        for (Routed entry : routed) {
            List<NewWorkItem> items = new ArrayList<>();
            for (SendPort port : entry.ports()) {
                NewWorkItem item = workItem(port, entry.message(), now);
                items.add(item);
                if (item.state() == WorkItemState.READY) {
                    adapters.add(item.adapterType());
                }
            }
            publications.add(new MessageStore.Publication(entry.message(), entry.correlationId(), items));
        }
        List<List<String>> workItemIds = store.insert(publications, now);
        commitSignals.wakeAfterCommit(adapters);
        List<PublishReceipt> receipts = new ArrayList<>(routed.size());
        for (int i = 0; i < routed.size(); i++) {
            List<PublishReceipt.Route> routes = new ArrayList<>();
            List<NewWorkItem> items = publications.get(i).workItems();
            for (int j = 0; j < items.size(); j++) {
                routes.add(new PublishReceipt.Route(items.get(j).portName(), workItemIds.get(i).get(j), items.get(j).state().name()));
            }
            receipts.add(new PublishReceipt(routed.get(i).message().messageId(), routes));
        }
        return receipts;
    }

    /** The work item routing makes for one port: ready (at the transport's service window), or suspended with why. */
    private NewWorkItem workItem(SendPort port, EngineMessage message, Instant now) {
        SendPortDefinition definition = port.definition();
        String stopped = definition.state() == PortState.STOPPED ? "send port " + port.name() + " is stopped" : null;
        if (definition.dynamic()) {
            DynamicTransportResolver.Resolution transport = resolver.resolve(message.context(), port.name(),
                    definition.twoWay());
            String error = stopped != null ? stopped : transport.error();
            return new NewWorkItem(port.id(), port.name(), transport.adapterType(),
                    error == null ? WorkItemState.READY : WorkItemState.SUSPENDED, definition.priority(), now,
                    transport.retryCount(), transport.retryInterval(), error, definition.orderedDelivery(), transport.address());
        }
        TransportSettings primary = definition.primary();
        Instant due = primary.serviceWindow() == null ? now : primary.serviceWindow().nextOpen(now);
        return new NewWorkItem(port.id(), port.name(), primary.adapter(),
                stopped == null ? WorkItemState.READY : WorkItemState.SUSPENDED, definition.priority(), due,
                primary.retryCount(), primary.retryInterval(), stopped, definition.orderedDelivery(), null);
    }

    private EngineMessage validate(Message candidate, String path) {
        if (!(candidate instanceof EngineMessage message)) {
            throw new ValidationException(path + "message", "messages must be made with the engine's MessageFactory");
        }
        if (message.bodyPart() == null) {
            throw new ValidationException(path + "body", "a message needs a body part");
        }
        for (ContextProperty property : message.context().promoted()) {
            if (property.value().toString().length() > MAX_PROMOTED_VALUE_LENGTH) {
                throw new ValidationException(path + "properties." + property.name(), "a promoted value is at most "
                        + MAX_PROMOTED_VALUE_LENGTH + " characters");
            }
        }
        message.context().write(SystemProperties.MESSAGE_ID, SystemProperties.NAMESPACE, message.messageId());
        return message;
    }

    private static String describe(List<ContextProperty> promoted) {
        List<String> parts = new ArrayList<>();
        for (ContextProperty property : promoted) {
            parts.add((property.namespace().isEmpty() ? "" : "{" + property.namespace() + "}") + property.name() + "="
                    + property.value());
        }
        return parts.isEmpty() ? "(none)" : String.join(", ", parts);
    }

    private record Routed(EngineMessage message, List<SendPort> ports, String correlationId) {
    }
}
