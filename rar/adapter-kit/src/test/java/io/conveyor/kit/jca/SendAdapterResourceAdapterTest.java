package io.conveyor.kit.jca;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.conveyor.adapter.PropertyBag;
import io.conveyor.adapter.PropertyDescriptor;
import io.conveyor.adapter.PropertyDescriptor.Type;
import io.conveyor.kit.testing.HeldWorkManager;
import io.conveyor.kit.testing.TestBootstrapContext;
import jakarta.resource.NotSupportedException;
import jakarta.resource.spi.ConfigProperty;
import jakarta.resource.spi.ResourceAdapter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The kit's resource adapter base: handler properties from the annotated setters, JCA equality, and its lifecycle. */
class SendAdapterResourceAdapterTest {

    private final SampleResourceAdapter resourceAdapter = new SampleResourceAdapter();
    private final HeldWorkManager workManager = new HeldWorkManager();

    @Test
    @DisplayName("the handler property schema comes from the @ConfigProperty setters: sorted by name, typed, defaults, masking")
    void handlerPropertySchema() {
        List<PropertyDescriptor> schema = resourceAdapter.metadata().handlerProperties();

        assertThat(schema).extracting(PropertyDescriptor::name, PropertyDescriptor::type, PropertyDescriptor::required,
                        PropertyDescriptor::defaultValue, PropertyDescriptor::masked)
                .containsExactly(
                        tuple("batchSize", Type.INTEGER, false, "20", false),
                        tuple("password", Type.STRING, false, null, true),
                        tuple("target", Type.STRING, false, "db", false),
                        tuple("timeoutMillis", Type.LONG, false, null, false),
                        tuple("verbose", Type.BOOLEAN, false, "false", false));
        assertThat(schema.get(2).description()).isEqualTo("Where messages go. Any name.");
    }

    @Test
    @DisplayName("metadata keeps the subclass's registration and adds only the handler properties")
    void registrationKept() {
        assertThat(resourceAdapter.metadata().transportType()).isEqualTo("SAMPLE");
        assertThat(resourceAdapter.metadata().name()).isEqualTo("Sample adapter");
        assertThat(resourceAdapter.metadata().version()).isEqualTo("1.0");
    }

    @Test
    @DisplayName("the handler configuration holds the current values read through the getters (is... too), masked ones in clear")
    void handlerConfiguration() {
        resourceAdapter.setTarget("warehouse");
        resourceAdapter.setVerbose(true);

        PropertyBag configuration = resourceAdapter.handlerConfiguration();

        assertThat(configuration.names()).containsExactly("batchSize", "password", "target", "verbose");
        assertThat(configuration.read("batchSize")).isEqualTo(20);
        assertThat(configuration.read("password")).isEqualTo("secret");
        assertThat(configuration.read("target")).isEqualTo("warehouse");
        assertThat(configuration.read("verbose")).isEqualTo(true);
        assertThat(configuration.read("timeoutMillis")).as("a property without a value is absent").isNull();
    }

    @Test
    @DisplayName("the handler configuration handed out is a read-only copy: later changes to the adapter do not reach it")
    void handlerConfigurationIsACopy() {
        PropertyBag configuration = resourceAdapter.handlerConfiguration();
        resourceAdapter.setTarget("changed");

        assertThat(configuration.read("target")).isEqualTo("db");
        assertThatThrownBy(() -> configuration.write("target", "x")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    @DisplayName("a handler property with a setter but no getter is refused, naming the property")
    void setterWithoutGetter() {
        WriteOnlyResourceAdapter writeOnly = new WriteOnlyResourceAdapter();

        assertThatThrownBy(writeOnly::handlerConfiguration).isInstanceOf(IllegalStateException.class)
                .hasMessage("handler property endpointKey has a setter but no getter");
    }

    @Test
    @DisplayName("a getter that throws is reported naming the property, with the getter's exception as cause")
    void getterThrows() {
        FailingGetterResourceAdapter failing = new FailingGetterResourceAdapter();

        assertThatThrownBy(failing::handlerConfiguration).isInstanceOf(IllegalStateException.class)
                .hasMessage("cannot read handler property region")
                .rootCause().hasMessage("region not loaded");
    }

    @Test
    @DisplayName("JCA 5.3.1: equal when of the same class with the same configuration, with equal hash codes")
    void equalWithSameConfiguration() {
        SampleResourceAdapter other = new SampleResourceAdapter();

        assertThat(resourceAdapter).isEqualTo(other).hasSameHashCodeAs(other);
        resourceAdapter.setBatchSize(50);
        other.setBatchSize(50);
        assertThat(resourceAdapter).isEqualTo(other).hasSameHashCodeAs(other);
    }

    @Test
    @DisplayName("JCA 5.3.1: one differing property, a confidential one included, makes them unequal")
    void unequalWithDifferentConfiguration() {
        SampleResourceAdapter otherTarget = new SampleResourceAdapter();
        otherTarget.setTarget("elsewhere");
        SampleResourceAdapter otherPassword = new SampleResourceAdapter();
        otherPassword.setPassword("other");

        assertThat(resourceAdapter).isNotEqualTo(otherTarget).isNotEqualTo(otherPassword);
    }

    @Test
    @DisplayName("JCA 5.3.1: a subclass with the same configuration is another resource adapter, and null is never equal")
    void unequalAcrossClasses() {
        SampleResourceAdapter subclass = new SampleResourceAdapter() {
        };

        assertThat(resourceAdapter).isNotEqualTo(subclass).isNotEqualTo(null);
        assertThat(subclass).isNotEqualTo(resourceAdapter);
    }

    @Test
    @DisplayName("an adapter cannot be created before start: the error names the resource adapter class")
    void createBeforeStart() {
        assertThatThrownBy(resourceAdapter::createAdapter).isInstanceOf(IllegalStateException.class)
                .hasMessage("SampleResourceAdapter is not started");
    }

    @Test
    @DisplayName("once started, each adapter is created with the WorkManager of the server's bootstrap context")
    void createAfterStart() {
        resourceAdapter.start(new TestBootstrapContext(workManager));

        assertThat(resourceAdapter.createAdapter()).isSameAs(workManager);
    }

    @Test
    @DisplayName("after stop, the WorkManager is let go: no adapter can be created until the next start")
    void createAfterStop() {
        resourceAdapter.start(new TestBootstrapContext(workManager));
        resourceAdapter.stop();

        assertThatThrownBy(resourceAdapter::createAdapter).isInstanceOf(IllegalStateException.class)
                .hasMessage("SampleResourceAdapter is not started");
        HeldWorkManager next = new HeldWorkManager();
        resourceAdapter.start(new TestBootstrapContext(next));
        assertThat(resourceAdapter.createAdapter()).isSameAs(next);
    }

    @Test
    @DisplayName("stop runs the before-stop actions in order while the WorkManager is still there, one failing not stopping the rest")
    void stopRunsBeforeStopActions() {
        List<String> ran = new ArrayList<>();
        resourceAdapter.start(new TestBootstrapContext(workManager));
        resourceAdapter.beforeStop(() -> ran.add("first, adapter " + resourceAdapter.createAdapter()));
        resourceAdapter.beforeStop(() -> {
            throw new IllegalStateException("terminate failed");
        });
        resourceAdapter.beforeStop(() -> ran.add("third"));

        resourceAdapter.stop();

        assertThat(ran).containsExactly("first, adapter " + workManager, "third");
    }

    @Test
    @DisplayName("the before-stop actions run once: a second stop, after a restart, runs none of them again")
    void beforeStopActionsRunOnce() {
        List<String> ran = new ArrayList<>();
        resourceAdapter.start(new TestBootstrapContext(workManager));
        resourceAdapter.beforeStop(() -> ran.add("terminate"));
        resourceAdapter.stop();
        resourceAdapter.start(new TestBootstrapContext(workManager));

        resourceAdapter.stop();

        assertThat(ran).containsExactly("terminate");
    }

    @Test
    @DisplayName("a send adapter has no inbound side: endpoint activation is refused, naming the class; no XA resources")
    void noInboundSide() throws Exception {
        ResourceAdapter adapter = resourceAdapter;

        assertThatThrownBy(() -> adapter.endpointActivation(null, null)).isInstanceOf(NotSupportedException.class)
                .hasMessage("SampleResourceAdapter is a send adapter: it has no message endpoints");
        adapter.endpointDeactivation(null, null);
        assertThat(adapter.getXAResources(null)).isEmpty();
    }

    /** Declares a handler property it cannot read back. */
    static class WriteOnlyResourceAdapter extends SampleResourceAdapter {
        @ConfigProperty(description = "Write-only.")
        public void setEndpointKey(String key) {
            throw new UnsupportedOperationException("never called by the test");
        }
    }

    /** Declares a handler property whose getter fails. */
    static class FailingGetterResourceAdapter extends SampleResourceAdapter {
        public String getRegion() {
            throw new IllegalStateException("region not loaded");
        }

        @ConfigProperty(description = "Fails when read.")
        public void setRegion(String region) {
            throw new UnsupportedOperationException("never called by the test");
        }
    }
}
