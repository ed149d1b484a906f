package io.conveyor.file;

import io.conveyor.adapter.AdapterMetadata;
import io.conveyor.adapter.Capability;
import io.conveyor.adapter.InvalidEndpointException;
import io.conveyor.adapter.PropertyBag;
import io.conveyor.adapter.PropertyDescriptor;
import io.conveyor.kit.jca.SendAdapterResourceAdapter;
import jakarta.resource.spi.ConfigProperty;
import jakarta.resource.spi.work.WorkManager;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.logging.Logger;

/**
 * The FILE connector's resource adapter: its handler configuration (the {@link ConfigProperty} setters below, held
 * in WildFly's {@code resource-adapters} subsystem) and its registration. See the connector README.
 */
public class FileResourceAdapter extends SendAdapterResourceAdapter {

    private static final Logger LOG = Logger.getLogger(FileResourceAdapter.class.getName());

    /** Transport type of the FILE adapter. */
    public static final String TRANSPORT_TYPE = "FILE";
    /** Namespace of the FILE adapter's context properties. */
    public static final String NAMESPACE = "urn:conveyor:adapter:file";
    /** Endpoint property: what to do when the target exists. */
    public static final String COPY_MODE = "copyMode";
    /** Context property naming the file a message came from, for {@code %SourceFileName%}. */
    public static final String RECEIVED_FILE_NAME = "ReceivedFileName";

    private String allowedRoots = "";
    private String mode = FileHandlerSettings.DEFAULT_MODE;
    private Integer batchSize = Integer.valueOf(FileHandlerSettings.DEFAULT_BATCH_SIZE);
    private Boolean forceToDisk = Boolean.valueOf(FileHandlerSettings.DEFAULT_FORCE_TO_DISK);

    @Override
    protected AdapterMetadata.Builder describe() {
        return AdapterMetadata.builder(TRANSPORT_TYPE)
                .name("Conveyor FILE adapter")
                .version("1.0")
                .description("Writes each message body to a file, atomically (temporary file, then rename).")
                .alias(FileAddress.ALIAS)
                .capability(Capability.SUPPORTS_ORDERED_DELIVERY)
                .propertyNamespace(NAMESPACE)
                .endpointProperty(PropertyDescriptor.optional(COPY_MODE, PropertyDescriptor.Type.STRING,
                        CopyMode.CREATE_NEW.name(), "What to do when the file exists: CREATE_NEW (fail the delivery), "
                                + "OVERWRITE (replace atomically) or APPEND."));
    }

    @Override
    protected Object createAdapter(WorkManager workManager) {
        return currentMode() == SendMode.BLOCKING
                ? new BlockingFileTransmitter(workManager, Clock.systemUTC())
                : new BatchingFileTransmitter(workManager, Clock.systemUTC());
    }

    @Override
    public void validateEndpoint(String address, PropertyBag endpointProperties) throws InvalidEndpointException {
        List<Path> roots;
        try {
            roots = FileHandlerSettings.parseRoots(allowedRoots);
        } catch (IllegalArgumentException e) {
            throw new InvalidEndpointException("address", "the FILE adapter's handler configuration is invalid, "
                    + "so no address can be checked: " + e.getMessage());
        }
        FileAddress.parse(address, roots);
        String copyMode = endpointProperties.readString(COPY_MODE, CopyMode.CREATE_NEW.name());
        try {
            CopyMode.valueOf(copyMode.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidEndpointException(COPY_MODE, "'" + copyMode + "' is not one of CREATE_NEW, OVERWRITE, APPEND");
        }
    }

    /**
     * The configured mode, which decides the adapter class. An unknown mode is not replaced silently: the adapter is
     * created batch-aware with a coded warning, and its {@code load} then refuses the configuration, naming
     * {@code mode}, so the adapter does not start until the mode is corrected.
     */
    private SendMode currentMode() {
        String configured = mode == null ? FileHandlerSettings.DEFAULT_MODE : mode;
        try {
            return SendMode.valueOf(configured.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            LOG.warning(() -> "CVFILE0001: handler property mode='" + configured + "' is not BLOCKING or NON_BLOCKING; the"
                    + " adapter is created batch-aware and refuses this configuration when it loads it");
            return SendMode.NON_BLOCKING;
        }
    }

    public String getAllowedRoots() {
        return allowedRoots;
    }

    @ConfigProperty(description = "Comma-separated absolute directories; every target file must lie under one of them.")
    public void setAllowedRoots(String allowedRoots) {
        this.allowedRoots = allowedRoots == null ? "" : allowedRoots;
    }

    public String getMode() {
        return mode;
    }

    @ConfigProperty(defaultValue = FileHandlerSettings.DEFAULT_MODE,
            description = "BLOCKING: one message at a time, written before returning. NON_BLOCKING: batch-aware, written on the connector's WorkManager.")
    public void setMode(String mode) {
        this.mode = mode;
    }

    public Integer getBatchSize() {
        return batchSize;
    }

    @ConfigProperty(defaultValue = FileHandlerSettings.DEFAULT_BATCH_SIZE, description = "Most messages per engine batch in NON_BLOCKING mode (1 to 1000).")
    public void setBatchSize(Integer batchSize) {
        this.batchSize = batchSize;
    }

    public Boolean getForceToDisk() {
        return forceToDisk;
    }

    @ConfigProperty(defaultValue = FileHandlerSettings.DEFAULT_FORCE_TO_DISK,
            description = "Force each file and its directory entry to disk before reporting success. Off trades durability on a power cut for speed.")
    public void setForceToDisk(Boolean forceToDisk) {
        this.forceToDisk = forceToDisk;
    }
}
