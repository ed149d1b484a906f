package io.conveyor.it.probe;

import io.conveyor.adapter.Message;
import io.conveyor.adapter.PropertyBag;
import io.conveyor.adapter.SystemProperties;
import io.conveyor.adapter.TransportBatch;
import io.conveyor.adapter.TransportProxy;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Script and record of one probe transport type: what its adapter does with each message, and every call the engine
 * made on it. Lives in the test EAR's lib/, so the tests and the probe connectors share it.
 */
public final class ProbeState {

    private final String transportType;
    private final List<ProbeCall> calls = new CopyOnWriteArrayList<>();
    private final Map<String, Message> held = new ConcurrentHashMap<>();
    private final Map<String, Message> delivered = new ConcurrentHashMap<>();
    private final AtomicInteger instances = new AtomicInteger();
    private final AtomicInteger batches = new AtomicInteger();
    private volatile Function<Message, Outcome> script = ProbeState::scenarioOf;
    private volatile int maxBatchSize = 10;
    private volatile boolean doneThrows;
    private volatile boolean transactional;
    private volatile boolean stuckOnTerminate;

    ProbeState(String transportType) {
        this.transportType = transportType;
    }

    public String transportType() {
        return transportType;
    }
    private volatile TransportProxy proxy;
    private volatile PropertyBag handlerConfiguration;

    /** Scripts the outcome of every message by its {@code Scenario} property (see {@link #byScenario}). */
    public ProbeState script(Function<Message, Outcome> outcomes) {
        this.script = outcomes;
        return this;
    }

    /** Scripts one outcome for every message. */
    public ProbeState always(Outcome outcome) {
        return script(message -> outcome);
    }

    /**
     * The outcome named by the message's promoted {@code Outcome} property (the default script): {@code SEND} when
     * absent; {@code THROW_ONCE} throws on the first delivery and sends on the next ones.
     */
    public ProbeState byScenario() {
        return script(ProbeState::scenarioOf);
    }

    private static Outcome scenarioOf(Message message) {
        Object value = message.context().read("Outcome", "");
        if (value == null) {
            return Outcome.SEND;
        }
        if (value.equals("THROW_ONCE")) {
            Object retries = message.context().read(SystemProperties.ACTUAL_RETRY_COUNT, SystemProperties.NAMESPACE);
            return Integer.valueOf(0).equals(retries) ? Outcome.THROW : Outcome.SEND;
        }
        return Outcome.valueOf(value.toString());
    }

    public ProbeState maxBatchSize(int size) {
        this.maxBatchSize = size;
        return this;
    }

    public ProbeState doneThrows(boolean value) {
        this.doneThrows = value;
        return this;
    }

    /** Engine batches open a JTA transaction in {@code beginBatch} (and roll it back at {@code done}). */
    public ProbeState transactional(boolean value) {
        this.transactional = value;
        return this;
    }

    /** Clears the record (not the adapter instance, which the engine keeps). */
    public void clearRecord() {
        calls.clear();
        held.clear();
        delivered.clear();
    }

    public List<ProbeCall> calls() {
        return List.copyOf(calls);
    }

    public List<ProbeCall> calls(String method) {
        return calls.stream().filter(c -> c.method().equals(method)).toList();
    }

    /** Messages answered with {@code false}, by message identity, for the test to dispose of. */
    public Map<String, Message> held() {
        return held;
    }

    /** Every message delivered to the adapter, by identity, as the adapter saw it (last delivery wins). */
    public Map<String, Message> delivered() {
        return delivered;
    }

    public int instancesCreated() {
        return instances.get();
    }

    public TransportProxy proxy() {
        return proxy;
    }

    public PropertyBag handlerConfiguration() {
        return handlerConfiguration;
    }

    // ---- used by the probe adapters ----

    void created() {
        instances.incrementAndGet();
    }

    /** Records a call the engine made (used by the probe adapters). */
    void record(String method, Message message, int batch) {
        calls.add(new ProbeCall(method, message == null ? null : message.messageId(), batch, Thread.currentThread().getName()));
    }

    void loaded(PropertyBag configuration) {
        this.handlerConfiguration = configuration;
    }

    void initialized(TransportProxy transportProxy) {
        this.proxy = transportProxy;
    }

    int nextBatch() {
        return batches.incrementAndGet();
    }

    int maxBatchSize() {
        return maxBatchSize;
    }

    boolean doneThrows() {
        return doneThrows;
    }

    boolean transactional() {
        return transactional;
    }

    void stuckOnTerminate(boolean value) {
        this.stuckOnTerminate = value;
    }

    boolean stuckOnTerminate() {
        return stuckOnTerminate;
    }

    private void respond(Message solicit) {
        Message response = proxy.messageFactory().createMessage();
        response.addPart("body", proxy.messageFactory().createMessagePart(
                ("response to " + solicit.messageId()).getBytes(StandardCharsets.UTF_8), "text/plain", "UTF-8"), true);
        TransportBatch batch = proxy.getBatch((status, operations, cookie) -> record("responded " + status, solicit, 0), null);
        batch.submitResponseMessage(solicit, response);
        batch.deleteMessage(solicit);
        batch.done();
    }

    /** Applies the script to a message: records it, returns whether it was "sent", or throws. */
    boolean transmit(Message message, int batch) throws Exception {
        record("transmitMessage", message, batch);
        delivered.put(message.messageId(), message);
        Outcome outcome = script.apply(message);
        switch (outcome) {
            case SEND:
                return true;
            case HOLD:
                held.put(message.messageId(), message);
                return false;
            case RESPOND:
                CompletableFuture.runAsync(() -> respond(message));
                return false;
            case HALT:
                Runtime.getRuntime().halt(137);
                return false;
            default:
                throw new IllegalStateException("probe failure for message " + message.messageId() + " to "
                        + message.context().read(SystemProperties.OUTBOUND_TRANSPORT_LOCATION, SystemProperties.NAMESPACE));
        }
    }
}
