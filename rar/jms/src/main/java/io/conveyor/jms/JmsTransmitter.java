package io.conveyor.jms;

import io.conveyor.adapter.Message;
import io.conveyor.adapter.PropertyBag;
import io.conveyor.kit.TransactionalSend;
import io.conveyor.kit.TransactionalTransmitter;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.Destination;
import jakarta.jms.JMSContext;
import jakarta.resource.spi.work.WorkManager;
import java.time.Clock;
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
        JmsAddress address = JmsOutgoing.address(message);
        Destination destination = (Destination) new InitialContext().lookup(address.jndiName());
        jakarta.jms.Message jms = JmsOutgoing.of(message).create(context);
        context.createProducer().setDeliveryMode(DeliveryMode.PERSISTENT).send(destination, jms);
    }
}
