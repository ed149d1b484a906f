package io.conveyor.sql;

import io.conveyor.adapter.AdapterMetadata;
import io.conveyor.adapter.Capability;
import io.conveyor.adapter.InvalidEndpointException;
import io.conveyor.adapter.PropertyBag;
import io.conveyor.adapter.PropertyDescriptor;
import io.conveyor.kit.jca.SendAdapterResourceAdapter;
import jakarta.resource.spi.ConfigProperty;
import jakarta.resource.spi.work.WorkManager;
import java.time.Clock;

/**
 * The SQL connector's resource adapter: its handler configuration (held in WildFly's {@code resource-adapters}
 * subsystem) and its registration. See the connector README.
 */
public class SqlResourceAdapter extends SendAdapterResourceAdapter {

    public static final String TRANSPORT_TYPE = "SQL";
    /** Namespace of the SQL adapter's context properties. */
    public static final String NAMESPACE = "urn:conveyor:adapter:sql";
    /** Endpoint property: the statement to run, with named parameters. */
    public static final String STATEMENT = "statement";

    private String dataSource = "";
    private Integer batchSize = Integer.valueOf(SqlHandlerSettings.DEFAULT_BATCH_SIZE);

    @Override
    protected AdapterMetadata.Builder describe() {
        return AdapterMetadata.builder(TRANSPORT_TYPE)
                .name("Conveyor SQL adapter")
                .version("1.0")
                .description("Runs a statement against an XA datasource, in one transaction with the MessageBox.")
                .alias("sql://")
                .capability(Capability.SUPPORTS_SOLICIT_RESPONSE)
                .capability(Capability.SUPPORTS_ORDERED_DELIVERY)
                .propertyNamespace(NAMESPACE)
                .endpointProperty(PropertyDescriptor.required(STATEMENT, PropertyDescriptor.Type.STRING,
                        "One SQL statement of a safe kind (see the connector README) with named parameters: :body, "
                                + ":MessageID, or any message property (:Customer)."));
    }

    @Override
    protected Object createAdapter(WorkManager workManager) {
        return new SqlTransmitter(workManager, Clock.systemUTC());
    }

    @Override
    public void validateEndpoint(String address, PropertyBag endpointProperties) throws InvalidEndpointException {
        if (address == null || address.isBlank()) {
            throw new InvalidEndpointException("address", "address is required (a label such as sql://orders)");
        }
        try {
            SqlHandlerSettings.from(handlerConfiguration());
        } catch (IllegalArgumentException e) {
            throw new InvalidEndpointException("address", "the SQL adapter's handler configuration is invalid: " + e.getMessage());
        }
        try {
            String statement = endpointProperties.readString(STATEMENT, null);
            NamedStatement.parse(statement);
            StatementPolicy.check(statement);
        } catch (IllegalArgumentException e) {
            throw new InvalidEndpointException(STATEMENT, e.getMessage());
        }
    }

    public String getDataSource() {
        return dataSource;
    }

    @ConfigProperty(description = "JNDI name of the target XA datasource, e.g. java:/conveyor/SampleTargetDS.")
    public void setDataSource(String dataSource) {
        this.dataSource = dataSource;
    }

    public Integer getBatchSize() {
        return batchSize;
    }

    @ConfigProperty(defaultValue = SqlHandlerSettings.DEFAULT_BATCH_SIZE, description = "Most messages per engine batch, hence per transaction (1 to 1000).")
    public void setBatchSize(Integer batchSize) {
        this.batchSize = batchSize;
    }
}
