package io.conveyor.engine.routing;

import io.conveyor.adapter.ContextProperty;
import io.conveyor.adapter.Message;
import io.conveyor.adapter.SystemProperties;
import io.conveyor.engine.api.ValidationException;
import io.conveyor.engine.dispatch.CommitSignals;
import io.conveyor.engine.dispatch.HandOff;
import io.conveyor.engine.messagebox.Delivery;
import io.conveyor.engine.messagebox.EngineMessage;
import io.conveyor.engine.messagebox.ForcedCommits;
import io.conveyor.engine.messagebox.MessageBoxDataSource;
import io.conveyor.engine.messagebox.MessageStore;
import io.conveyor.engine.messagebox.NewWorkItem;
import io.conveyor.engine.messagebox.WorkItemState;
import io.conveyor.engine.ports.PortState;
import io.conveyor.engine.ports.SendPort;
import io.conveyor.engine.ports.SendPortDefinition;
import io.conveyor.engine.ports.SubscriptionTable;
import io.conveyor.engine.ports.TransportSettings;
import io.conveyor.engine.runtime.AfterCommit;
import io.conveyor.engine.runtime.EngineMetrics;
import io.conveyor.engine.runtime.EngineClock;
import io.conveyor.engine.runtime.EngineSettings;
import io.conveyor.engine.runtime.ServerIdentity;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.TransactionSynchronizationRegistry;
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
    /** Most properties a published message's context may hold, promoted or written, besides its publisher's name. */
    public static final int MAX_CONTEXT_PROPERTIES = 256;
    /** Most characters a published message's context may hold: its properties' namespaces, names and values. */
    public static final int MAX_CONTEXT_CHARACTERS = 64 * 1024;

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
    @Inject
    HandOff handOff;
    @Inject
    ServerIdentity server;
    @Inject
    EngineSettings settings;
    @Inject
    ForcedCommits forcedCommits;
    @Inject
    EngineMetrics metrics;
    @Resource(lookup = "java:jboss/TransactionSynchronizationRegistry")
    TransactionSynchronizationRegistry transactions;

    /**
     * Publishes one message made with the engine's message factory.
     *
     * @throws ValidationException     when the message is malformed (no body, a promoted value too long, more properties
     *                                 or characters in its context than {@link #MAX_CONTEXT_PROPERTIES} and
     *                                 {@link #MAX_CONTEXT_CHARACTERS})
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
                NewWorkItem item = handOffIfPossible(workItem(port, entry.message(), now), entry.correlationId(), now);
                items.add(item);
                metrics.published(item.portId(), item.portName(), item.adapterType(),
                        item.state() == WorkItemState.SUSPENDED || item.state() == WorkItemState.SUSPENDED_NON_RESUMABLE);
                if (item.state() == WorkItemState.READY || item.handOff() != null) {
                    adapters.add(item.adapterType());
                }
            }
            publications.add(new MessageStore.Publication(entry.message(), entry.correlationId(), items));
        }
        List<MessageStore.Written> written = store.insert(publications, now);
        forcedAfterCommit();
        commitSignals.wakeAfterCommit(adapters);
        List<Delivery> handedOff = new ArrayList<>();
        List<PublishReceipt> receipts = new ArrayList<>(routed.size());
        for (int i = 0; i < routed.size(); i++) {
            List<PublishReceipt.Route> routes = new ArrayList<>();
            List<NewWorkItem> items = publications.get(i).workItems();
            MessageStore.Written stored = written.get(i);
            for (int j = 0; j < items.size(); j++) {
                NewWorkItem item = items.get(j);
                String workItemId = stored.workItemIds().get(j);
                boolean handed = item.handOff() != null && stored.inlineBody() != null;
                if (handed) {
                    handedOff.add(Delivery.handedOff(routed.get(i).message(), item, workItemId, stored.leaseToken(),
                            stored.inlineBody(), now));
                }
                routes.add(new PublishReceipt.Route(item.portName(), workItemId,
                        handed || item.handOff() == null ? item.state().name() : WorkItemState.READY.name()));
            }
            receipts.add(new PublishReceipt(routed.get(i).message().messageId(), routes));
        }
        handOff.queueAfterCommit(handedOff);
        return receipts;
    }

    /** Once the transaction has committed, and before the publisher is answered, its publications are on disk. */
    private void forcedAfterCommit() {
        AfterCommit.run(transactions, () -> forcedCommits.awaitForced());
    }

    /**
     * Asks to hand the work item off to this server's dispatcher when it may go at once: ready, due now, not in
     * order, not a response, and its adapter takes hand-offs (see {@link HandOff}).
     */
    private NewWorkItem handOffIfPossible(NewWorkItem item, String correlationId, Instant now) {
        if (item.state() != WorkItemState.READY || item.ordered() || item.nextAttemptAt().isAfter(now)
                || correlationId != null || !handOff.accepts(item.adapterType())) {
            return item;
        }
        return item.handedOff(new NewWorkItem.HandOffLease(server.id(), now.plus(settings.leaseDuration())));
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
                    transport.retryCount(), transport.retryInterval(), error, definition.orderedDelivery(),
                    transport.address(), false, null);
        }
        TransportSettings primary = definition.primary();
        Instant due = primary.serviceWindow() == null ? now : primary.serviceWindow().nextOpen(now);
        return new NewWorkItem(port.id(), port.name(), primary.adapter(),
                stopped == null ? WorkItemState.READY : WorkItemState.SUSPENDED, definition.priority(), due,
                primary.retryCount(), primary.retryInterval(), stopped, definition.orderedDelivery(), null,
                stopped == null && due.isAfter(now), null);
    }

    /** {@code BTS.Publisher}, which the REST API adds to what a publisher sent, so it is not counted against it. */
    private static boolean recordsPublisher(ContextProperty property) {
        return property.name().equals(SystemProperties.PUBLISHER) && property.namespace().equals(SystemProperties.NAMESPACE);
    }

    private EngineMessage validate(Message candidate, String path) {
        if (!(candidate instanceof EngineMessage message)) {
            throw new ValidationException(path + "message", "messages must be made with the engine's MessageFactory");
        }
        if (message.bodyPart() == null) {
            throw new ValidationException(path + "body", "a message needs a body part");
        }
        List<ContextProperty> context = message.context().properties().stream().filter(p -> !recordsPublisher(p)).toList();
        if (context.size() > MAX_CONTEXT_PROPERTIES) {
            throw new ValidationException(path + "properties", "a message's context holds at most "
                    + MAX_CONTEXT_PROPERTIES + " properties; this one has " + context.size());
        }
        long characters = context.stream().mapToLong(p -> p.namespace().length() + p.name().length()
                + p.value().toString().length()).sum();
        if (characters > MAX_CONTEXT_CHARACTERS) {
            throw new ValidationException(path + "properties", "a message's context holds at most "
                    + MAX_CONTEXT_CHARACTERS + " characters of namespaces, names and values; this one has " + characters);
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
