package io.conveyor.jms;

import io.conveyor.adapter.ContextProperty;
import io.conveyor.adapter.Message;
import io.conveyor.adapter.PropertyBag;
import io.conveyor.adapter.SystemProperties;
import io.conveyor.kit.TransactionalSend;
import io.conveyor.kit.TransactionalTransmitter;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.Destination;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.resource.spi.work.WorkManager;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * The JMS adapter: batch-aware, non-blocking and transactional (send-adapter contract §3.4 in
 * {@code docs/send-adapter-contract.md}). At {@code done} the engine batch goes to the connector's WorkManager, where
 * the kit's {@link TransactionalSend} sends each message through the XA connection factory (WildFly's
 * {@code java:/JmsXA} by default) in the same JTA transaction as its deletion from the MessageBox: the hand-off to the
 * queue and the deletion happen together, exactly once. One-way only: a request-reply cannot share one transaction with
 * its own request, which no receiver sees before the commit.
 */
public final class JmsTransmitter extends TransactionalTransmitter<JmsHandlerSettings> {

    /** JMS property carrying the Conveyor message identity, for idempotent receivers and tracing. */
    static final String MESSAGE_ID_PROPERTY = "ConveyorMessageId";

    public JmsTransmitter(WorkManager workManager, Clock clock) {
        super("JMS", workManager, clock);
    }

    @Override
    protected JmsHandlerSettings readSettings(PropertyBag handlerConfiguration) {
        return JmsHandlerSettings.from(handlerConfiguration);
    }

    @Override
    protected int batchSize(JmsHandlerSettings settings) {
        return settings.batchSize();
    }

    @Override
    protected TransactionalSend.SessionFactory sessions(JmsHandlerSettings settings, InitialContext naming)
            throws NamingException {
        ConnectionFactory factory = (ConnectionFactory) naming.lookup(settings.connectionFactory());
        return () -> {
            JMSContext context = factory.createContext();
            return new TransactionalSend.Session() {
                @Override
                public Message process(Message message) throws Exception {
                    send(context, message);
                    return null;
                }

                @Override
                public void close() {
                    context.close();
                }
            };
        };
    }

    private void send(JMSContext context, Message message) throws Exception {
        if (Boolean.TRUE.equals(message.context().read(SystemProperties.IS_SOLICIT_RESPONSE, SystemProperties.NAMESPACE))) {
            throw new IllegalStateException("the JMS adapter is one-way; it cannot serve a two-way port");
        }
        JmsAddress address = JmsAddress.parse(message.context()
                .readString(SystemProperties.OUTBOUND_TRANSPORT_LOCATION, SystemProperties.NAMESPACE));
        Destination destination = (Destination) new InitialContext().lookup(address.jndiName());
        jakarta.jms.Message jms = body(context, message);
        jms.setStringProperty(MESSAGE_ID_PROPERTY, message.messageId());
        for (ContextProperty property : message.context().properties()) {
            if (property.promoted() && property.namespace().isEmpty()) {
                copy(jms, property);
            }
        }
        context.createProducer().setDeliveryMode(DeliveryMode.PERSISTENT).send(destination, jms);
    }

    private jakarta.jms.Message body(JMSContext context, Message message) throws IOException, JMSException {
        byte[] bytes;
        try (InputStream in = message.bodyPart().openStream()) {
            bytes = in.readAllBytes();
        }
        String type = String.valueOf(message.context().read(JmsResourceAdapter.MESSAGE_TYPE, JmsResourceAdapter.NAMESPACE));
        if ("BYTES".equalsIgnoreCase(type)) {
            jakarta.jms.BytesMessage jms = context.createBytesMessage();
            jms.writeBytes(bytes);
            return jms;
        }
        String charset = message.bodyPart().charset();
        return context.createTextMessage(new String(bytes, charset == null ? StandardCharsets.UTF_8
                : java.nio.charset.Charset.forName(charset)));
    }

    /** Promoted properties of the default namespace travel as JMS properties, so receivers can select on them. */
    private static void copy(jakarta.jms.Message jms, ContextProperty property) throws JMSException {
        String name = property.name().replace('-', '_');
        Object value = property.value();
        if (value instanceof Long number) {
            jms.setLongProperty(name, number);
        } else if (value instanceof Integer number) {
            jms.setIntProperty(name, number);
        } else if (value instanceof Double number) {
            jms.setDoubleProperty(name, number);
        } else if (value instanceof Boolean bool) {
            jms.setBooleanProperty(name, bool);
        } else if (value instanceof BigDecimal || value instanceof Instant) {
            jms.setStringProperty(name, value.toString());
        } else {
            jms.setStringProperty(name, value.toString());
        }
    }
}
