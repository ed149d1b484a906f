package io.conveyor.kit.testing;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.conveyor.adapter.Message;
import io.conveyor.adapter.MessageContext;
import io.conveyor.adapter.MessagePart;
import io.conveyor.adapter.SystemProperties;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * A message as the engine delivers it (an identity, a context, and one body part), or as the adapter makes one with
 * the {@link TestMessageFactory} (parts added by the adapter).
 */
public final class TestMessage implements Message {
    private final String id;
    private final TestContext context = new TestContext();
    private final Map<String, MessagePart> parts = new LinkedHashMap<>();
    private volatile String bodyPartName;
    private volatile Throwable error;

    public TestMessage(String id, String body) {
        this(id, body == null ? null : new TestPart(body.getBytes(UTF_8)));
    }

    public TestMessage(String id, MessagePart body) {
        this.id = id;
        if (body != null) {
            addPart("body", body, true);
        }
        context.write(SystemProperties.MESSAGE_ID, SystemProperties.NAMESPACE, id);
        context.write(SystemProperties.TRANSMIT_WORK_ID, SystemProperties.NAMESPACE, "work-" + id);
        retries(3, 5);
    }

    public TestMessage address(String address) {
        context.write(SystemProperties.OUTBOUND_TRANSPORT_LOCATION, SystemProperties.NAMESPACE, address);
        return this;
    }

    public TestMessage retries(int retryCount, int retryIntervalMinutes) {
        context.write(SystemProperties.RETRY_COUNT, SystemProperties.NAMESPACE, retryCount);
        context.write(SystemProperties.RETRY_INTERVAL, SystemProperties.NAMESPACE, retryIntervalMinutes);
        return this;
    }

    public TestMessage with(String name, String namespace, Object value) {
        context.write(name, namespace, value);
        return this;
    }

    /** Writes the property promoted, as the engine delivers the properties a publisher promoted. */
    public TestMessage promoted(String name, String namespace, Object value) {
        context.promote(name, namespace, value);
        return this;
    }

    @Override
    public String messageId() {
        return id;
    }

    @Override
    public MessageContext context() {
        return context;
    }

    @Override
    public MessagePart bodyPart() {
        return bodyPartName == null ? null : part(bodyPartName);
    }

    @Override
    public String bodyPartName() {
        return bodyPartName;
    }

    @Override
    public synchronized List<String> partNames() {
        List<String> names = new ArrayList<>(parts.keySet());
        if (bodyPartName != null) {
            names.remove(bodyPartName);
            names.add(0, bodyPartName);
        }
        return List.copyOf(names);
    }

    @Override
    public synchronized MessagePart part(String name) {
        return parts.get(name);
    }

    @Override
    public synchronized void addPart(String name, MessagePart part, boolean isBody) {
        parts.put(name, part);
        if (isBody) {
            bodyPartName = name;
        }
    }

    @Override
    public synchronized OptionalLong size() {
        long total = 0;
        for (MessagePart part : parts.values()) {
            OptionalLong size = part.size();
            if (size.isEmpty()) {
                return OptionalLong.empty();
            }
            total += size.getAsLong();
        }
        return OptionalLong.of(total);
    }

    @Override
    public void setErrorInfo(Throwable error) {
        this.error = error;
    }

    @Override
    public Throwable errorInfo() {
        return error;
    }

    @Override
    public String toString() {
        return id;
    }
}
