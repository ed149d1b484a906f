package io.conveyor.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.conveyor.adapter.AdapterMetadata;
import io.conveyor.adapter.Capability;
import io.conveyor.adapter.InvalidEndpointException;
import io.conveyor.adapter.MapPropertyBag;
import io.conveyor.adapter.PropertyDescriptor;
import io.conveyor.kit.testing.ExecutorWorkManager;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class FileResourceAdapterTest {

    private final ExecutorService executor = Executors.newSingleThreadExecutor();
    private final FileResourceAdapter resourceAdapter = new FileResourceAdapter();

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    @Test
    @DisplayName("the registration names FILE, the file:// alias, its namespace and ordered-delivery support")
    void registration() {
        AdapterMetadata metadata = resourceAdapter.metadata();

        assertThat(metadata.transportType()).isEqualTo("FILE");
        assertThat(metadata.aliases()).containsExactly("file://");
        assertThat(metadata.propertyNamespace()).isEqualTo("urn:conveyor:adapter:file");
        assertThat(metadata.capabilities()).contains(Capability.SUPPORTS_SEND, Capability.SUPPORTS_ORDERED_DELIVERY);
    }

    @Test
    @DisplayName("the handler property schema is the README's table: allowedRoots, batchSize, forceToDisk, mode")
    void handlerPropertySchema() {
        List<PropertyDescriptor> schema = resourceAdapter.metadata().handlerProperties();

        assertThat(schema).extracting(PropertyDescriptor::name, PropertyDescriptor::type, PropertyDescriptor::defaultValue)
                .containsExactly(
                        tuple("allowedRoots", PropertyDescriptor.Type.STRING, null),
                        tuple("batchSize", PropertyDescriptor.Type.INTEGER, "20"),
                        tuple("forceToDisk", PropertyDescriptor.Type.BOOLEAN, "true"),
                        tuple("mode", PropertyDescriptor.Type.STRING, "NON_BLOCKING"));
    }

    @Test
    @DisplayName("the endpoint property schema has copyMode, default CREATE_NEW")
    void endpointPropertySchema() {
        assertThat(resourceAdapter.metadata().endpointProperty("copyMode")).hasValueSatisfying(p -> {
            assertThat(p.type()).isEqualTo(PropertyDescriptor.Type.STRING);
            assertThat(p.defaultValue()).isEqualTo("CREATE_NEW");
            assertThat(p.required()).isFalse();
        });
    }

    @Test
    @DisplayName("mode selects the adapter: NON_BLOCKING (default) the batching one, BLOCKING (any case) the blocking one")
    void modeSelectsAdapter() {
        ExecutorWorkManager workManager = new ExecutorWorkManager(executor);

        assertThat(resourceAdapter.createAdapter(workManager)).isInstanceOf(BatchingFileTransmitter.class);
        resourceAdapter.setMode("blocking");
        assertThat(resourceAdapter.createAdapter(workManager)).isInstanceOf(BlockingFileTransmitter.class);
    }

    @Test
    @DisplayName("an adapter cannot be created before the server started the connector")
    void notStarted() {
        assertThatThrownBy(resourceAdapter::createAdapter).isInstanceOf(IllegalStateException.class);
    }

    @Test
    @DisplayName("validateEndpoint accepts an address under an allowed root with a known copyMode")
    void validEndpoint() throws Exception {
        resourceAdapter.setAllowedRoots("/srv/out, /srv/other");

        assertThatCode(() -> resourceAdapter.validateEndpoint("FILE:///srv/out/%MessageID%.xml",
                MapPropertyBag.readOnly(Map.of("copyMode", "append")))).doesNotThrowAnyException();
        assertThatCode(() -> resourceAdapter.validateEndpoint("/srv/other/x.xml", new MapPropertyBag()))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> resourceAdapter.validateEndpoint("/srv/elsewhere/x.xml", new MapPropertyBag()))
                .as("the same shape of address outside the allowed roots").isInstanceOf(InvalidEndpointException.class);
    }

    @Test
    @DisplayName("validateEndpoint refuses an address outside the allowed roots, on field address")
    void endpointOutsideRoots() {
        resourceAdapter.setAllowedRoots("/srv/out");

        assertThatThrownBy(() -> resourceAdapter.validateEndpoint("/srv/outside/x.xml", new MapPropertyBag()))
                .isInstanceOfSatisfying(InvalidEndpointException.class, e -> assertThat(e.field()).isEqualTo("address"));
    }

    @Test
    @DisplayName("validateEndpoint refuses an unknown copyMode, on field copyMode")
    void endpointBadCopyMode() {
        resourceAdapter.setAllowedRoots("/srv/out");

        assertThatThrownBy(() -> resourceAdapter.validateEndpoint("/srv/out/x.xml",
                MapPropertyBag.readOnly(Map.of("copyMode", "MERGE"))))
                .isInstanceOfSatisfying(InvalidEndpointException.class, e -> assertThat(e.field()).isEqualTo("copyMode"));
    }
}
