package io.conveyor.jms;

import io.conveyor.adapter.PropertyBag;

/**
 * The JMS adapter's handler configuration, validated.
 *
 * @param connectionFactory JNDI name of an XA-capable connection factory
 * @param batchSize         most messages per engine batch, hence per transaction
 */
public record JmsHandlerSettings(String connectionFactory, int batchSize) {

    // The handler properties' defaults, written only here: the resource adapter's @ConfigProperty annotations, its
    // fields and from() all use these (a build test checks the README and conveyor.cli against the annotations).
    public static final String DEFAULT_CONNECTION_FACTORY = "java:/JmsXA";
    public static final String DEFAULT_BATCH_SIZE = "20";

    /**
     * Reads and checks the handler properties.
     *
     * @throws IllegalArgumentException naming the property at fault
     */
    public static JmsHandlerSettings from(PropertyBag config) {
        String factory = config.readString("connectionFactory", DEFAULT_CONNECTION_FACTORY).trim();
        if (factory.isEmpty()) {
            throw new IllegalArgumentException("connectionFactory: the JNDI name of an XA connection factory is required");
        }
        int batchSize = config.readInt("batchSize", Integer.parseInt(DEFAULT_BATCH_SIZE));
        if (batchSize < 1 || batchSize > 1000) {
            throw new IllegalArgumentException("batchSize: " + batchSize + " is not between 1 and 1000");
        }
        return new JmsHandlerSettings(factory, batchSize);
    }
}
