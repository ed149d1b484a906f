package io.conveyor.it.probe;

import io.conveyor.adapter.AdapterMetadata;
import io.conveyor.adapter.Capability;
import io.conveyor.adapter.InvalidEndpointException;
import io.conveyor.adapter.PropertyBag;
import io.conveyor.adapter.PropertyDescriptor;
import io.conveyor.kit.jca.SendAdapterResourceAdapter;
import jakarta.resource.spi.ConfigProperty;
import jakarta.resource.spi.work.WorkManager;
import java.util.Locale;

/**
 * The probe connector: a test-only resource adapter whose transport type, SPI variant and start-up behaviour come
 * from its configuration, so one class serves every probe RAR of the test EAR.
 */
public class ProbeResourceAdapter extends SendAdapterResourceAdapter {

    private String transportType = "PROBE";
    private String variant = ProbeVariant.SINGLE.name();
    private Boolean initOnStart = Boolean.FALSE;
    private String secret = "";
    private Boolean stuckOnTerminate = Boolean.FALSE;

    @Override
    protected AdapterMetadata.Builder describe() {
        AdapterMetadata.Builder builder = AdapterMetadata.builder(transportType)
                .name("Probe " + variant)
                .version("test")
                .description("Scripted test adapter")
                .alias(transportType.toLowerCase(Locale.ROOT) + "://")
                .capability(Capability.SUPPORTS_ORDERED_DELIVERY)
                .endpointProperty(PropertyDescriptor.optional("label", PropertyDescriptor.Type.STRING, null,
                        "Free text the probe ignores"))
                .endpointProperty(PropertyDescriptor.optional("weight", PropertyDescriptor.Type.INTEGER, null,
                        "A number the probe ignores"));
        if (initOnStart) {
            builder.capability(Capability.INIT_TRANSMITTER_ON_SERVICE_START);
        }
        if (ProbeVariant.valueOf(variant) != ProbeVariant.NO_LOAD) {
            builder.capability(Capability.SUPPORTS_SOLICIT_RESPONSE);
        }
        return builder;
    }

    @Override
    protected Object createAdapter(WorkManager workManager) {
        ProbeState state = Probe.of(transportType);
        state.stuckOnTerminate(stuckOnTerminate);
        return ProbeAdapter.create(ProbeVariant.valueOf(variant), state, workManager);
    }

    /** Records, after the kit ran what the engine registered, that the connector has let its resources go. */
    @Override
    public void stop() {
        super.stop();
        ProbeRecords.append(transportType, "connector stopped");
    }

    @Override
    public void validateEndpoint(String address, PropertyBag endpointProperties) throws InvalidEndpointException {
        if (address == null || address.isBlank()) {
            throw new InvalidEndpointException("address", "the probe needs an address");
        }
    }

    public String getTransportType() {
        return transportType;
    }

    @ConfigProperty(description = "Transport type this probe registers as.")
    public void setTransportType(String transportType) {
        this.transportType = transportType;
    }

    public String getVariant() {
        return variant;
    }

    @ConfigProperty(defaultValue = "SINGLE", description = "Which SPI interfaces the adapter implements.")
    public void setVariant(String variant) {
        this.variant = variant;
    }

    public Boolean getInitOnStart() {
        return initOnStart;
    }

    @ConfigProperty(defaultValue = "false", description = "Declare InitTransmitterOnServiceStart.")
    public void setInitOnStart(Boolean initOnStart) {
        this.initOnStart = initOnStart;
    }

    public String getSecret() {
        return secret;
    }

    @ConfigProperty(confidential = true, description = "A masked handler property (C5).")
    public void setSecret(String secret) {
        this.secret = secret;
    }

    public Boolean getStuckOnTerminate() {
        return stuckOnTerminate;
    }

    @ConfigProperty(defaultValue = "false", description = "Block in terminate (to test the engine's deadline, L17).")
    public void setStuckOnTerminate(Boolean stuckOnTerminate) {
        this.stuckOnTerminate = stuckOnTerminate;
    }
}
