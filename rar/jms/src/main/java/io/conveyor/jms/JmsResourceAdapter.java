package io.conveyor.jms;

import io.conveyor.adapter.AdapterMetadata;
import io.conveyor.adapter.Capability;
import io.conveyor.adapter.InvalidEndpointException;
import io.conveyor.adapter.PropertyBag;
import io.conveyor.adapter.PropertyDescriptor;
import io.conveyor.kit.jca.SendAdapterResourceAdapter;
import jakarta.resource.spi.ConfigProperty;
import jakarta.resource.spi.work.WorkManager;
import java.time.Clock;
import java.util.Locale;

/**
 * The JMS connector's resource adapter: its handler configuration (held in WildFly's {@code resource-adapters}
 * subsystem) and its registration. See the connector README.
 */
public class JmsResourceAdapter extends SendAdapterResourceAdapter {

    public static final String TRANSPORT_TYPE = "JMS";
    /** Namespace of the JMS adapter's context properties. */
    public static final String NAMESPACE = "urn:conveyor:adapter:jms";
    /** Endpoint property: TEXT (the default) or BYTES. */
    public static final String MESSAGE_TYPE = "messageType";

    private String connectionFactory = JmsHandlerSettings.DEFAULT_CONNECTION_FACTORY;
    private Integer batchSize = Integer.valueOf(JmsHandlerSettings.DEFAULT_BATCH_SIZE);

    @Override
    protected AdapterMetadata.Builder describe() {
        return AdapterMetadata.builder(TRANSPORT_TYPE)
                .name("Conveyor JMS adapter")
                .version("1.0")
                .description("Sends each message to a JMS queue or topic, in one XA transaction with the MessageBox.")
                .alias(JmsAddress.ALIAS)
                .capability(Capability.SUPPORTS_ORDERED_DELIVERY)
                .propertyNamespace(NAMESPACE)
                .endpointProperty(PropertyDescriptor.optional(MESSAGE_TYPE, PropertyDescriptor.Type.STRING, "TEXT",
                        "TEXT (a TextMessage, the body decoded with its charset, UTF-8 by default) or BYTES (a BytesMessage)."));
    }

    @Override
    protected Object createAdapter(WorkManager workManager) {
        return new JmsTransmitter(workManager, Clock.systemUTC());
    }

    @Override
    public void validateEndpoint(String address, PropertyBag endpointProperties) throws InvalidEndpointException {
        JmsAddress.parse(address);
        String type = endpointProperties.readString(MESSAGE_TYPE, "TEXT").toUpperCase(Locale.ROOT);
        if (!type.equals("TEXT") && !type.equals("BYTES")) {
            throw new InvalidEndpointException(MESSAGE_TYPE, "'" + type + "' is not TEXT or BYTES");
        }
    }

    public String getConnectionFactory() {
        return connectionFactory;
    }

    @ConfigProperty(defaultValue = JmsHandlerSettings.DEFAULT_CONNECTION_FACTORY, description = "JNDI name of an XA connection factory (WildFly's pooled java:/JmsXA by default).")
    public void setConnectionFactory(String connectionFactory) {
        this.connectionFactory = connectionFactory;
    }

    public Integer getBatchSize() {
        return batchSize;
    }

    @ConfigProperty(defaultValue = JmsHandlerSettings.DEFAULT_BATCH_SIZE, description = "Most messages per engine batch, hence per transaction (1 to 1000).")
    public void setBatchSize(Integer batchSize) {
        this.batchSize = batchSize;
    }
}
