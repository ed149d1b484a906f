package io.conveyor.jms;

import io.conveyor.adapter.ContextProperty;
import io.conveyor.adapter.InvalidEndpointException;
import io.conveyor.adapter.Message;
import io.conveyor.adapter.SystemProperties;
import jakarta.jms.BytesMessage;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the JMS adapter sends for one message, worked out from the message alone: the body as text ({@code TEXT}, the
 * default) or bytes ({@code BYTES}), and the JMS properties in the order they are set. {@link #create} turns it into a
 * JMS message; {@link #address} reads where it goes.
 *
 * @param text       the body decoded with its part's charset (UTF-8 when none), or {@code null} for a bytes message
 * @param bytes      the body's bytes for a bytes message, else {@code null}
 * @param properties the JMS properties by name, valued {@code Long}, {@code Integer}, {@code Double}, {@code Boolean}
 *                   or {@code String}
 */
record JmsOutgoing(String text, byte[] bytes, Map<String, Object> properties) {

    /**
     * Where the message goes: its {@code OutboundTransportLocation}, parsed.
     *
     * @throws IllegalStateException for a message of a two-way port, which the one-way JMS adapter cannot serve
     */
    static JmsAddress address(Message message) throws InvalidEndpointException {
        Object solicitResponse = message.context().read(SystemProperties.IS_SOLICIT_RESPONSE, SystemProperties.NAMESPACE);
        if (Boolean.TRUE.equals(solicitResponse)) {
            throw new IllegalStateException("the JMS adapter is one-way; it cannot serve a two-way port");
        }
        return JmsAddress.parse(message.context()
                .readString(SystemProperties.OUTBOUND_TRANSPORT_LOCATION, SystemProperties.NAMESPACE));
    }

    /**
     * Reads the body and the properties: {@value JmsTransmitter#MESSAGE_ID_PROPERTY} (the message identity) first, then
     * every promoted property of the default namespace, so receivers can select on them, under its name with
     * {@code -} made {@code _}; a {@code BigDecimal} or an {@code Instant} travels as its text. A promoted property
     * of that name does not replace the identity.
     */
    static JmsOutgoing of(Message message) throws IOException {
        byte[] body;
        try (InputStream in = message.bodyPart().openStream()) {
            body = in.readAllBytes();
        }
        Object type = message.context().read(JmsResourceAdapter.MESSAGE_TYPE, JmsResourceAdapter.NAMESPACE);
        String text = null;
        byte[] bytes = null;
        if ("BYTES".equalsIgnoreCase(String.valueOf(type))) {
            bytes = body;
        } else {
            String charset = message.bodyPart().charset();
            text = new String(body, charset == null ? StandardCharsets.UTF_8 : Charset.forName(charset));
        }
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put(JmsTransmitter.MESSAGE_ID_PROPERTY, message.messageId());
        for (ContextProperty property : message.context().properties()) {
            String name = property.name().replace('-', '_');
            if (property.promoted() && property.namespace().isEmpty() && !name.equals(JmsTransmitter.MESSAGE_ID_PROPERTY)) {
                properties.put(name, jmsValue(property.value()));
            }
        }
        return new JmsOutgoing(text, bytes, properties);
    }

    private static Object jmsValue(Object value) {
        if (value instanceof Long || value instanceof Integer || value instanceof Double || value instanceof Boolean) {
            return value;
        }
        return value.toString();
    }

    /** The JMS message: a bytes message or a text message, with the properties set with their types. */
    jakarta.jms.Message create(JMSContext context) throws JMSException {
        jakarta.jms.Message jms;
        if (bytes != null) {
            BytesMessage bytesMessage = context.createBytesMessage();
            bytesMessage.writeBytes(bytes);
            jms = bytesMessage;
        } else {
            jms = context.createTextMessage(text);
        }
        for (Map.Entry<String, Object> property : properties.entrySet()) {
            String name = property.getKey();
            Object value = property.getValue();
            if (value instanceof Long number) {
                jms.setLongProperty(name, number);
            } else if (value instanceof Integer number) {
                jms.setIntProperty(name, number);
            } else if (value instanceof Double number) {
                jms.setDoubleProperty(name, number);
            } else if (value instanceof Boolean bool) {
                jms.setBooleanProperty(name, bool);
            } else {
                jms.setStringProperty(name, (String) value);
            }
        }
        return jms;
    }
}
