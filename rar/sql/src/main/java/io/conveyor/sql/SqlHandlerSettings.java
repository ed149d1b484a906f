package io.conveyor.sql;

import io.conveyor.adapter.PropertyBag;

/**
 * The SQL adapter's handler configuration, validated.
 *
 * @param dataSource JNDI name of the target XA datasource
 * @param batchSize  most messages per engine batch, hence per transaction
 */
public record SqlHandlerSettings(String dataSource, int batchSize) {

    // The handler properties' defaults, written only here: the resource adapter's @ConfigProperty annotations, its
    // fields and from() all use these (a build test checks the README and conveyor.cli against the annotations).
    public static final String DEFAULT_BATCH_SIZE = "20";

    /**
     * Reads and checks the handler properties.
     *
     * @throws IllegalArgumentException naming the property at fault
     */
    public static SqlHandlerSettings from(PropertyBag config) {
        String dataSource = config.readString("dataSource", "").trim();
        if (dataSource.isEmpty()) {
            throw new IllegalArgumentException("dataSource: the JNDI name of the target XA datasource is required");
        }
        int batchSize = config.readInt("batchSize", Integer.parseInt(DEFAULT_BATCH_SIZE));
        if (batchSize < 1 || batchSize > 1000) {
            throw new IllegalArgumentException("batchSize: " + batchSize + " is not between 1 and 1000");
        }
        return new SqlHandlerSettings(dataSource, batchSize);
    }
}
