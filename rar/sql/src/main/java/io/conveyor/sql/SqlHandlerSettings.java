package io.conveyor.sql;

import io.conveyor.adapter.PropertyBag;

/**
 * The SQL adapter's handler configuration, validated.
 *
 * @param dataSource JNDI name of the target XA datasource
 * @param batchSize  most messages per engine batch, hence per transaction
 */
public record SqlHandlerSettings(String dataSource, int batchSize) {

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
        int batchSize = config.readInt("batchSize", 20);
        if (batchSize < 1 || batchSize > 1000) {
            throw new IllegalArgumentException("batchSize: " + batchSize + " is not between 1 and 1000");
        }
        return new SqlHandlerSettings(dataSource, batchSize);
    }
}
