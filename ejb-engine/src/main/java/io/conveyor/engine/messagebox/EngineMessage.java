package io.conveyor.engine.messagebox;

import io.conveyor.adapter.Message;
import io.conveyor.adapter.MessagePart;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The engine's {@link Message}: either delivered from the MessageBox (then it knows its {@link Lease}) or made by
 * the message factory for publication.
 */
public final class EngineMessage implements Message {

    private final String messageId;
    private final EngineMessageContext context;
    private final Map<String, MessagePart> parts = new LinkedHashMap<>();
    private final boolean stored;
    private final Lease lease;
    private String bodyPartName;
    private volatile Throwable errorInfo;
    private volatile List<String> secrets = List.of();

    /**
     * The delivery a message came with: the work item, the token of this server's claim on it, and its send port
     * ({@code null} when not known).
     */
    public record Lease(String workItemId, String token, String portId) {
    }

    private EngineMessage(String messageId, EngineMessageContext context, boolean stored, Lease lease) {
        this.messageId = messageId;
        this.context = context;
        this.stored = stored;
        this.lease = lease;
    }

    /** A new, empty message for publication. */
    public static EngineMessage create(String messageId) {
        return new EngineMessage(messageId, new EngineMessageContext(), false, null);
    }

    /** A message delivered from the MessageBox with its parts. */
    static EngineMessage delivered(String messageId, EngineMessageContext context, Lease lease,
                                   String bodyPartName, Map<String, MessagePart> storedParts) {
        EngineMessage message = new EngineMessage(messageId, context, true, lease);
        message.parts.putAll(storedParts);
        message.bodyPartName = bodyPartName;
        return message;
    }

    @Override
    public String messageId() {
        return messageId;
    }

    @Override
    public EngineMessageContext context() {
        return context;
    }

    @Override
    public MessagePart bodyPart() {
        return bodyPartName == null ? null : parts.get(bodyPartName);
    }

    @Override
    public String bodyPartName() {
        return bodyPartName;
    }

    @Override
    public List<String> partNames() {
        return List.copyOf(parts.keySet());
    }

    @Override
    public MessagePart part(String name) {
        return parts.get(name);
    }

    @Override
    public void addPart(String name, MessagePart part, boolean isBody) {
        if (stored) {
            throw new UnsupportedOperationException("message " + messageId + " is stored in the MessageBox; its parts cannot change");
        }
        if (name == null || name.isBlank() || part == null) {
            throw new IllegalArgumentException("a part needs a name and content");
        }
        parts.put(name, part);
        if (isBody || bodyPartName == null) {
            bodyPartName = name;
        }
    }

    @Override
    public OptionalLong size() {
        long total = 0;
        for (MessagePart part : parts.values()) {
            OptionalLong partSize = part.size();
            if (partSize.isEmpty()) {
                return OptionalLong.empty();
            }
            total += partSize.getAsLong();
        }
        return OptionalLong.of(total);
    }

    @Override
    public void setErrorInfo(Throwable error) {
        this.errorInfo = error;
    }

    @Override
    public Throwable errorInfo() {
        return errorInfo;
    }

    /**
     * The clear values of the masked endpoint properties this delivery carries (kept in memory only), which the engine
     * removes from error texts it stores and logs.
     */
    public List<String> secrets() {
        return secrets;
    }

    /** Records the clear values of the masked endpoint properties written into the context for this delivery. */
    public void setSecrets(List<String> secrets) {
        this.secrets = List.copyOf(secrets);
    }

    /** The delivery this message came with, or {@code null} for a message made by the factory. */
    public Lease lease() {
        return lease;
    }

    /** The parts in order, the body first. */
    Map<String, MessagePart> partsInOrder() {
        Map<String, MessagePart> ordered = new LinkedHashMap<>();
        if (bodyPartName != null) {
            ordered.put(bodyPartName, parts.get(bodyPartName));
        }
        ordered.putAll(parts);
        return ordered;
    }
}
