package io.conveyor.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.conveyor.engine.messagebox.WorkItem;
import io.conveyor.engine.messagebox.WorkItemState;
import io.conveyor.engine.ports.TransportSettings;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.Queue;
import jakarta.jms.TextMessage;
import java.util.Map;
import javax.naming.InitialContext;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The JMS connector on WildFly's own messaging: the hand-off to the queue and the deletion commit together. */
@Tag("messagebox")
@ExtendWith(ArquillianExtension.class)
class JmsConnectorIT extends InContainerSupport {

    private static final long RECEIVE_TIMEOUT_MILLIS = 30_000;

    @Deployment
    static EnterpriseArchive deployment() {
        return ConveyorDeployment.ear(JmsConnectorIT.class);
    }

    @Test
    @DisplayName("a JMS port sends the body to the queue with the message identity and promoted properties, then deletes the message")
    void sendsToQueue() throws Exception {
        port("jms", new TransportSettings("JMS", "jms://queue/conveyor.sample", Map.of(), 0, 1), null);
        String id = publish("jms", "<order id=\"3\"/>", Map.of("Customer", "ACME", "Amount", 42L)).messageId();

        try (JMSContext context = connectionFactory().createContext()) {
            Queue queue = (Queue) new InitialContext().lookup("java:/jms/queue/conveyor.sample");
            JMSConsumer consumer = context.createConsumer(queue, "ConveyorMessageId = '" + id + "'");
            TextMessage received = (TextMessage) consumer.receive(RECEIVE_TIMEOUT_MILLIS);
            assertThat(received).as("a message on the queue").isNotNull();
            assertThat(received.getText()).isEqualTo("<order id=\"3\"/>");
            assertThat(received.getStringProperty("Customer")).isEqualTo("ACME");
            assertThat(received.getLongProperty("Amount")).isEqualTo(42L);
        }
        eventually().until(() -> gone(id));
    }

    @Test
    @DisplayName("a destination that does not exist fails the delivery: the message is suspended with the error, nothing sent")
    void unknownDestinationSuspends() {
        port("nowhere", new TransportSettings("JMS", "jms://queue/does.not.exist", Map.of(), 0, 1), null);
        String id = publish("nowhere", "lost?").messageId();

        eventually().until(() -> queries.message(id).map(m -> m.workItems().get(0).state()).orElse(null) == WorkItemState.SUSPENDED);
        WorkItem item = queries.message(id).orElseThrow().workItems().get(0);
        assertThat(item.errorText()).contains("does.not.exist");
        assertThat(item.errorAdapter()).isEqualTo("JMS");
    }

    private static ConnectionFactory connectionFactory() throws Exception {
        return (ConnectionFactory) new InitialContext().lookup("java:/ConnectionFactory");
    }
}
