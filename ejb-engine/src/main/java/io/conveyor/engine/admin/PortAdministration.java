package io.conveyor.engine.admin;

import io.conveyor.adapter.PropertyDescriptor;
import io.conveyor.adapter.SendHandler;
import io.conveyor.engine.adapters.HandlerRegistry;
import io.conveyor.engine.api.ConflictException;
import io.conveyor.engine.api.NotFoundException;
import io.conveyor.engine.api.ValidationException;
import io.conveyor.engine.dispatch.CommitSignals;
import io.conveyor.engine.messagebox.AuditAction;
import io.conveyor.engine.messagebox.AuditLog;
import io.conveyor.engine.ports.AddressCredentials;
import io.conveyor.engine.ports.CredentialStoreReference;
import io.conveyor.engine.ports.PortJson;
import io.conveyor.engine.ports.PortRepository;
import io.conveyor.engine.ports.PortState;
import io.conveyor.engine.ports.PortValidator;
import io.conveyor.engine.ports.SendPort;
import io.conveyor.engine.ports.SendPortDefinition;
import io.conveyor.engine.ports.TransportSettings;
import io.conveyor.engine.runtime.EngineClock;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The service API for send ports: create, read, update, delete, and the bindings file (export and import). Each
 * call is one transaction; input is validated completely before anything is written. Every change is recorded in the
 * {@linkplain AuditLog audit trail} in the change's transaction, with the {@link Actor} the caller names and the port
 * in its masked form.
 */
@Stateless
public class PortAdministration {

    /** The bindings file format version written by {@link #exportBindings()}. */
    public static final int BINDINGS_VERSION = 1;
    /**
     * What a masked endpoint property (a password) reads as; sent back unchanged, it keeps the stored value. A
     * credential store reference ({@link CredentialStoreReference}) is not a secret and reads as written.
     */
    public static final String MASK = AddressCredentials.MASK;
    /** The target of the audit row of a bindings import. */
    public static final String BINDINGS_TARGET = "bindings";

    @Inject
    PortRepository repository;
    @Inject
    PortValidator validator;
    @Inject
    EngineClock clock;
    @Inject
    HandlerRegistry registry;
    @Inject
    CommitSignals commitSignals;
    @Inject
    AuditLog audit;

    /** Every port, masked endpoint properties shown as {@value #MASK}. */
    public List<SendPort> list() {
        return repository.findAll().stream().map(this::masked).toList();
    }

    /** A port, masked endpoint properties shown as {@value #MASK}. */
    public SendPort get(String name) {
        return masked(stored(name));
    }

    private SendPort stored(String name) {
        return repository.findByName(name).orElseThrow(() -> new NotFoundException("no send port named '" + name + "'"));
    }

    /** Creates a port. @throws ConflictException when the name is taken */
    public SendPort create(Actor actor, SendPortDefinition definition) {
        return created(actor, validator.validate(unmasked(definition, null), ""), null);
    }

    private SendPort created(Actor actor, SendPortDefinition valid, String via) {
        if (repository.findByName(valid.name()).isPresent()) {
            throw new ConflictException("a send port named '" + valid.name() + "' exists already");
        }
        SendPort port = new SendPort(UUID.randomUUID().toString(), valid, now());
        repository.insert(port);
        record(actor, AuditAction.PORT_CREATED, port.name(), via(Json.createObjectBuilder()
                .add("id", port.id()).add("definition", audited(valid)), via));
        return masked(port);
    }

    /**
     * Replaces a port's definition (a rename included). Work already routed to the port follows the change: a new
     * adapter, a new priority, and a service window changed or removed (messages held for the old window are due at
     * once, or at the new window's opening); messages dequeued after the change see the new address and endpoint
     * properties (C2).
     */
    public SendPort update(Actor actor, String name, SendPortDefinition definition) {
        SendPort existing = stored(name);
        return updated(actor, existing, validator.validate(unmasked(definition, existing.definition()), ""), null);
    }

    private SendPort updated(Actor actor, SendPort existing, SendPortDefinition valid, String via) {
        String name = existing.name();
        if (!valid.name().equals(name) && repository.findByName(valid.name()).isPresent()) {
            throw new ConflictException("a send port named '" + valid.name() + "' exists already");
        }
        SendPort port = new SendPort(existing.id(), valid, now());
        repository.update(port);
        commitSignals.wakeAfterCommit(repository.applyToQueuedWork(port, clock.instant()));
        record(actor, AuditAction.PORT_UPDATED, name, via(Json.createObjectBuilder().add("id", port.id())
                .add("changes", AuditDetails.changes(PortJson.write(existing.definition()), PortJson.write(valid),
                        audited(existing.definition()), audited(valid))), via));
        return masked(port);
    }

    /**
     * Moves a port to another state (send-adapter contract §8.4 in {@code docs/send-adapter-contract.md}): enlist
     * (BOUND to STOPPED), start, stop, unenlist (to BOUND, which removes its subscription). Messages already routed to
     * it keep their work items.
     */
    public SendPort changeState(Actor actor, String name, PortState state) {
        SendPort existing = stored(name);
        SendPort port = new SendPort(existing.id(), existing.definition().withState(state), now());
        repository.update(port);
        record(actor, AuditAction.PORT_STATE_CHANGED, name, Json.createObjectBuilder().add("id", port.id())
                .add("from", existing.definition().state().name()).add("to", state.name()));
        return masked(port);
    }

    /** Deletes a port. @throws ConflictException while messages for it are queued, in process or suspended */
    public void delete(Actor actor, String name) {
        SendPort port = stored(name);
        long pending = repository.pendingWork(port.id());
        if (pending > 0) {
            throw new ConflictException("send port '" + name + "' still has " + pending
                    + " message(s) queued, in process or suspended; let them finish or terminate them first");
        }
        repository.delete(port.id());
        record(actor, AuditAction.PORT_DELETED, name, Json.createObjectBuilder().add("id", port.id())
                .add("definition", audited(port.definition())));
    }

    /** Every port as a bindings document. */
    public JsonObject exportBindings() {
        JsonArrayBuilder ports = Json.createArrayBuilder();
        for (SendPort port : list()) {
            ports.add(PortJson.write(port.definition()));
        }
        return Json.createObjectBuilder()
                .add("conveyorBindings", BINDINGS_VERSION)
                .add("exportedAt", now().toString())
                .add("sendPorts", ports)
                .build();
    }

    /**
     * Imports a bindings document: every port is validated first, then created or (same name, different definition)
     * replaced, all in one transaction; a port identical to the stored one is left as it is. Ports not named in the
     * document are left as they are. Each port created or replaced has its audit row, and the import one more that names
     * them all.
     *
     * @return the names of the ports created, of those updated and of those left unchanged
     */
    public ImportResult importBindings(Actor actor, JsonObject document) {
        List<PlannedPort> plan = plan(document);
        List<String> created = new ArrayList<>();
        List<String> updated = new ArrayList<>();
        List<String> unchanged = new ArrayList<>();
        String via = AuditAction.BINDINGS_IMPORTED.name();
        for (PlannedPort port : plan) {
            if (port.existing() == null) {
                created(actor, port.definition(), via);
                created.add(port.definition().name());
            } else if (port.changes().isEmpty()) {
                unchanged.add(port.definition().name());
            } else {
                updated(actor, port.existing(), port.definition(), via);
                updated.add(port.definition().name());
            }
        }
        JsonObjectBuilder details = Json.createObjectBuilder();
        AuditDetails.addList(details, "created", created);
        AuditDetails.addList(details, "updated", updated);
        if (!unchanged.isEmpty()) {
            AuditDetails.addList(details, "unchanged", unchanged);
        }
        record(actor, AuditAction.BINDINGS_IMPORTED, BINDINGS_TARGET, details);
        return new ImportResult(created, updated, unchanged);
    }

    /**
     * What {@link #importBindings} would do with a document, validated exactly as the import validates it, writing
     * nothing (no audit row either): the ports it would create, replace (with each one's changes, masked as the audit
     * trail shows them), leave unchanged, and the stored ports the document does not name (left alone).
     */
    public ImportPreview previewBindings(JsonObject document) {
        List<PlannedPort> plan = plan(document);
        List<String> created = new ArrayList<>();
        Map<String, JsonObject> updated = new LinkedHashMap<>();
        List<String> unchanged = new ArrayList<>();
        Set<String> named = new HashSet<>();
        for (PlannedPort port : plan) {
            String name = port.definition().name();
            named.add(name);
            if (port.existing() == null) {
                created.add(name);
            } else if (port.changes().isEmpty()) {
                unchanged.add(name);
            } else {
                updated.put(name, port.changes());
            }
        }
        List<String> notInFile = repository.findAll().stream().map(SendPort::name).filter(name -> !named.contains(name))
                .toList();
        return new ImportPreview(created, updated, unchanged, notInFile);
    }

    /** A bindings document's ports, each validated, with the stored port of its name and what would change in it. */
    private List<PlannedPort> plan(JsonObject document) {
        for (String field : document.keySet()) {
            if (!Set.of("conveyorBindings", "exportedAt", "sendPorts").contains(field)) {
                throw new ValidationException(field, "unknown field; expected conveyorBindings, exportedAt, sendPorts");
            }
        }
        JsonValue version = document.get("conveyorBindings");
        if (version == null || version.getValueType() != JsonValue.ValueType.NUMBER
                || document.getInt("conveyorBindings") != BINDINGS_VERSION) {
            throw new ValidationException("conveyorBindings", "must be " + BINDINGS_VERSION);
        }
        JsonValue portsValue = document.get("sendPorts");
        if (!(portsValue instanceof JsonArray ports)) {
            throw new ValidationException("sendPorts", "must be an array of send ports");
        }
        List<PlannedPort> plan = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < ports.size(); i++) {
            String path = "sendPorts[" + i + "].";
            if (!(ports.get(i) instanceof JsonObject json)) {
                throw new ValidationException("sendPorts[" + i + "]", "must be an object");
            }
            SendPortDefinition read = PortJson.read(json, path);
            SendPort existing = repository.findByName(read.name()).orElse(null);
            SendPortDefinition definition = validator.validate(unmasked(read, existing == null ? null
                    : existing.definition()), path);
            if (!names.add(definition.name())) {
                throw new ValidationException(path + "name", "'" + definition.name() + "' appears twice in the file");
            }
            plan.add(new PlannedPort(definition, existing, existing == null ? null : AuditDetails.changes(
                    PortJson.write(existing.definition()), PortJson.write(definition), audited(existing.definition()),
                    audited(definition))));
        }
        return plan;
    }

    /** A port of a bindings document: its valid definition, the stored port of its name and the changes (if stored). */
    private record PlannedPort(SendPortDefinition definition, SendPort existing, JsonObject changes) {
    }

    private void record(Actor actor, AuditAction action, String target, JsonObjectBuilder details) {
        audit.record(now(), actor.name(), action, target, details.build().toString());
    }

    /** Details of a port change, with {@code "via": "BINDINGS_IMPORTED"} when an import made it. */
    private static JsonObjectBuilder via(JsonObjectBuilder details, String via) {
        return via == null ? details : details.add("via", via);
    }

    private SendPort masked(SendPort port) {
        return new SendPort(port.id(), masked(port.definition(), false), port.updatedAt());
    }

    /**
     * A port as its audit rows record it: masked as the API shows it, and with every endpoint property value masked
     * for an adapter that is not deployed now (whose schema, which says what to mask, is unknown).
     */
    private JsonObject audited(SendPortDefinition definition) {
        return PortJson.write(masked(definition, true));
    }

    private SendPortDefinition masked(SendPortDefinition d, boolean maskAllOfUnknownAdapters) {
        return new SendPortDefinition(d.name(), d.filter(), d.state(), d.priority(), d.dynamic(), d.twoWay(),
                d.orderedDelivery(), d.stopSendingOnFailure(), masked(d.primary(), maskAllOfUnknownAdapters),
                masked(d.backup(), maskAllOfUnknownAdapters), d.tracking());
    }

    private TransportSettings masked(TransportSettings transport, boolean maskAllOfUnknownAdapters) {
        if (transport == null) {
            return null;
        }
        Map<String, String> properties = new LinkedHashMap<>(transport.properties());
        Optional<SendHandler> handler = registry.handler(transport.adapter());
        if (handler.isPresent()) {
            handler.get().metadata().endpointProperties().stream().filter(PropertyDescriptor::masked)
                    .forEach(p -> properties.computeIfPresent(p.name(),
                            (name, value) -> CredentialStoreReference.parse(value).isPresent() ? value : MASK));
        } else if (maskAllOfUnknownAdapters) {
            properties.replaceAll((name, value) -> MASK);
        }
        return withProperties(transport, AddressCredentials.masked(transport.address()), properties);
    }

    /**
     * A definition in which {@value #MASK} values (masked endpoint properties, a masked password in an address) are
     * replaced by what the stored port had.
     */
    private static SendPortDefinition unmasked(SendPortDefinition given, SendPortDefinition stored) {
        return new SendPortDefinition(given.name(), given.filter(), given.state(), given.priority(), given.dynamic(),
                given.twoWay(), given.orderedDelivery(), given.stopSendingOnFailure(),
                unmasked(given.primary(), stored == null ? null : stored.primary()),
                unmasked(given.backup(), stored == null ? null : stored.backup()), given.tracking());
    }

    private static TransportSettings unmasked(TransportSettings given, TransportSettings stored) {
        if (given == null) {
            return null;
        }
        Map<String, String> properties = new LinkedHashMap<>(given.properties());
        properties.replaceAll((name, value) -> !MASK.equals(value) ? value
                : stored == null || stored.properties().get(name) == null ? "" : stored.properties().get(name));
        return withProperties(given, AddressCredentials.unmasked(given.address(), stored == null ? null : stored.address()),
                properties);
    }

    private static TransportSettings withProperties(TransportSettings transport, String address,
                                                    Map<String, String> properties) {
        return new TransportSettings(transport.adapter(), address, properties, transport.retryCount(),
                transport.retryInterval(), transport.serviceWindow());
    }

    /** What an import did. */
    public record ImportResult(List<String> created, List<String> updated, List<String> unchanged) {
    }

    /**
     * What an import would do: ports created, ports replaced with their changes by name, ports unchanged, and stored
     * ports the document does not name (which an import leaves alone).
     */
    public record ImportPreview(List<String> created, Map<String, JsonObject> updated, List<String> unchanged,
                                List<String> notInFile) {
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
