package io.conveyor.kit.testing;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.conveyor.adapter.Message;
import io.conveyor.adapter.MessageContext;
import io.conveyor.adapter.MessagePart;
import io.conveyor.adapter.SystemProperties;
import java.util.List;
import java.util.OptionalLong;

/** A message as the engine delivers it: an identity, a context, and one body part. */
public final class TestMessage implements Message {
    private final String id;
    private final TestContext context = new TestContext();
    private final MessagePart body;
    private volatile Throwable error;

    public TestMessage(String id, String body) {
        this(id, body == null ? null : new TestPart(body.getBytes(UTF_8)));
    }

    public TestMessage(String id, MessagePart body) {
        this.id = id;
        this.body = body;
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
        return body;
    }

    @Override
    public String bodyPartName() {
        return body == null ? null : "body";
    }

    @Override
    public List<String> partNames() {
        return body == null ? List.of() : List.of("body");
    }

    @Override
    public MessagePart part(String name) {
        return "body".equals(name) ? body : null;
    }

    @Override
    public void addPart(String name, MessagePart part, boolean isBody) {
        throw new UnsupportedOperationException("a delivered message takes no parts");
    }

    @Override
    public OptionalLong size() {
        return body == null ? OptionalLong.of(0) : body.size();
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
