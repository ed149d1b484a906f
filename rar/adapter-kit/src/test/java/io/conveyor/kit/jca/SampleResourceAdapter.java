package io.conveyor.kit.jca;

import io.conveyor.adapter.AdapterMetadata;
import io.conveyor.adapter.InvalidEndpointException;
import io.conveyor.adapter.PropertyBag;
import jakarta.resource.spi.ConfigProperty;
import jakarta.resource.spi.work.WorkManager;

/**
 * A connector's resource adapter as an author writes one: transport type SAMPLE, one handler property of each
 * supported type (one confidential), an adapter object that is the WorkManager it was given, and an endpoint check
 * that refuses any address but {@code sample://ok}.
 */
class SampleResourceAdapter extends SendAdapterResourceAdapter {

    private String target = "db";
    private Integer batchSize = 20;
    private Long timeoutMillis;
    private Boolean verbose = Boolean.FALSE;
    private String password = "secret";

    @Override
    protected AdapterMetadata.Builder describe() {
        return AdapterMetadata.builder("SAMPLE").name("Sample adapter").version("1.0");
    }

    @Override
    protected Object createAdapter(WorkManager workManager) {
        return workManager;
    }

    @Override
    public void validateEndpoint(String address, PropertyBag endpointProperties) throws InvalidEndpointException {
        if (!"sample://ok".equals(address)) {
            throw new InvalidEndpointException("address", "'" + address + "' is not sample://ok");
        }
    }

    public String getTarget() {
        return target;
    }

    @ConfigProperty(defaultValue = "db", description = {"Where messages go.", "Any name."})
    public void setTarget(String target) {
        this.target = target;
    }

    public Integer getBatchSize() {
        return batchSize;
    }

    @ConfigProperty(defaultValue = "20", description = "Most messages per batch.")
    public void setBatchSize(Integer batchSize) {
        this.batchSize = batchSize;
    }

    public Long getTimeoutMillis() {
        return timeoutMillis;
    }

    @ConfigProperty(description = "Timeout; none by default.")
    public void setTimeoutMillis(Long timeoutMillis) {
        this.timeoutMillis = timeoutMillis;
    }

    public Boolean isVerbose() {
        return verbose;
    }

    @ConfigProperty(defaultValue = "false", description = "Log every message.")
    public void setVerbose(Boolean verbose) {
        this.verbose = verbose;
    }

    public String getPassword() {
        return password;
    }

    @ConfigProperty(confidential = true, description = "Password of the target.")
    public void setPassword(String password) {
        this.password = password;
    }
}
