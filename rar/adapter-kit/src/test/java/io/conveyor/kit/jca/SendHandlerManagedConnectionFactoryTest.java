package io.conveyor.kit.jca;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.conveyor.adapter.InvalidEndpointException;
import io.conveyor.adapter.MapPropertyBag;
import io.conveyor.adapter.SendHandler;
import io.conveyor.kit.testing.HeldWorkManager;
import io.conveyor.kit.testing.TestBootstrapContext;
import jakarta.resource.NotSupportedException;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.ManagedConnection;
import jakarta.resource.spi.ManagedConnectionMetaData;
import jakarta.resource.spi.ResourceAdapter;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.naming.Reference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The kit's connection definition: the managed connection factory's association with its resource adapter and its
 * equality, the SendHandler it binds delegating to that resource adapter, and the inert managed connections.
 */
class SendHandlerManagedConnectionFactoryTest {

    private final SampleResourceAdapter resourceAdapter = new SampleResourceAdapter();
    private final SendHandlerManagedConnectionFactory factory = new SendHandlerManagedConnectionFactory();

    @BeforeEach
    void associate() throws ResourceException {
        factory.setResourceAdapter(resourceAdapter);
    }

    @Test
    @DisplayName("associated with a SendAdapterResourceAdapter, it gives that resource adapter back")
    void association() {
        assertThat(factory.getResourceAdapter()).isSameAs(resourceAdapter);
    }

    @Test
    @DisplayName("any other resource adapter is refused with a ResourceException naming the required base class and the one given")
    void foreignResourceAdapterRefused() {
        ResourceAdapter foreign = new ForeignResourceAdapter();

        assertThatThrownBy(() -> factory.setResourceAdapter(foreign)).isInstanceOf(ResourceException.class)
                .hasMessage("the resource adapter must extend io.conveyor.kit.jca.SendAdapterResourceAdapter, was "
                        + ForeignResourceAdapter.class.getName());
        assertThatThrownBy(() -> factory.setResourceAdapter(null)).isInstanceOf(ResourceException.class)
                .hasMessageEndingWith(", was null");
        assertThat(factory.getResourceAdapter()).as("the earlier association is kept").isSameAs(resourceAdapter);
    }

    @Test
    @DisplayName("the SendHandler bound in JNDI gives the resource adapter's registration and handler configuration")
    void sendHandlerDelegatesRegistration() {
        resourceAdapter.setTarget("warehouse");
        SendHandler handler = (SendHandler) factory.createConnectionFactory(null);

        assertThat(handler.metadata().transportType()).isEqualTo("SAMPLE");
        assertThat(handler.metadata().handlerProperties()).hasSize(5);
        assertThat(handler.handlerConfiguration().read("target")).isEqualTo("warehouse");
        assertThat(handler).hasToString("SendHandler[SAMPLE]");
    }

    @Test
    @DisplayName("the SendHandler validates endpoints with the resource adapter, its refusal naming the field unchanged")
    void sendHandlerDelegatesValidation() throws InvalidEndpointException {
        SendHandler handler = (SendHandler) factory.createConnectionFactory();

        handler.validateEndpoint("sample://ok", new MapPropertyBag());
        InvalidEndpointException refusal = catchThrowableOfType(InvalidEndpointException.class,
                () -> handler.validateEndpoint("sample://bad", new MapPropertyBag()));
        assertThat(refusal.field()).isEqualTo("address");
        assertThat(refusal).hasMessage("'sample://bad' is not sample://ok");
    }

    @Test
    @DisplayName("the SendHandler creates adapters on the started resource adapter's WorkManager, and its before-stop actions run at stop")
    void sendHandlerDelegatesLifecycle() {
        HeldWorkManager workManager = new HeldWorkManager();
        resourceAdapter.start(new TestBootstrapContext(workManager));
        SendHandler handler = (SendHandler) factory.createConnectionFactory(null);
        List<String> ran = new ArrayList<>();

        assertThat(handler.createAdapter()).isSameAs(workManager);
        handler.beforeStop(() -> ran.add("terminated"));
        assertThat(ran).isEmpty();
        resourceAdapter.stop();
        assertThat(ran).containsExactly("terminated");
    }

    @Test
    @DisplayName("a SendHandler whose factory was never associated fails with an explanation instead of a NullPointerException")
    void unassociated() {
        SendHandler handler = (SendHandler) new SendHandlerManagedConnectionFactory().createConnectionFactory();

        assertThatThrownBy(handler::createAdapter).isInstanceOf(IllegalStateException.class)
                .hasMessage("the connection factory is not associated with its resource adapter");
        assertThatThrownBy(handler::metadata).isInstanceOf(IllegalStateException.class);
    }

    @Test
    @DisplayName("the SendHandler keeps the JNDI reference the server gives it")
    void reference() {
        SendHandlerConnectionFactory handler = (SendHandlerConnectionFactory) factory.createConnectionFactory();
        Reference reference = new Reference(SendHandler.class.getName());

        handler.setReference(reference);

        assertThat(handler.getReference()).isSameAs(reference);
    }

    @Test
    @DisplayName("two factories of the same resource adapter are equal with equal hash codes; of another one, not")
    void equality() throws ResourceException {
        SendHandlerManagedConnectionFactory same = new SendHandlerManagedConnectionFactory();
        same.setResourceAdapter(resourceAdapter);
        SendHandlerManagedConnectionFactory other = new SendHandlerManagedConnectionFactory();
        other.setResourceAdapter(new SampleResourceAdapter());

        assertThat(factory).isEqualTo(same).hasSameHashCodeAs(same).isNotEqualTo(other).isNotEqualTo(null);
    }

    @Test
    @DisplayName("a pooled managed connection is matched only by the factory that made it")
    void matching() throws ResourceException {
        ManagedConnection own = factory.createManagedConnection(null, null);
        SendHandlerManagedConnectionFactory other = new SendHandlerManagedConnectionFactory();
        other.setResourceAdapter(resourceAdapter);
        ManagedConnection othersConnection = other.createManagedConnection(null, null);

        assertThat(factory.matchManagedConnections(Set.of(othersConnection, own), null, null)).isSameAs(own);
        assertThat(factory.matchManagedConnections(Set.of(othersConnection, "not a connection"), null, null)).isNull();
        assertThat(factory.matchManagedConnections(Set.of(), null, null)).isNull();
    }

    @Test
    @DisplayName("a managed connection hands out a new handle per request, whose close does nothing")
    void connectionHandles() throws ResourceException {
        ManagedConnection connection = factory.createManagedConnection(null, null);

        Object first = connection.getConnection(null, null);
        Object second = connection.getConnection(null, null);

        assertThat(first).isInstanceOf(SendHandlerConnectionHandle.class).isNotSameAs(second);
        ((SendHandlerConnection) first).close();
        connection.associateConnection(first);
        connection.cleanup();
        connection.destroy();
    }

    @Test
    @DisplayName("a managed connection refuses XA and local transactions: adapters bring their own JTA transaction")
    void connectionsNotTransactional() throws ResourceException {
        ManagedConnection connection = factory.createManagedConnection(null, null);

        assertThatThrownBy(connection::getXAResource).isInstanceOf(NotSupportedException.class)
                .hasMessage("send handler connections are not transactional");
        assertThatThrownBy(connection::getLocalTransaction).isInstanceOf(NotSupportedException.class)
                .hasMessage("send handler connections are not transactional");
    }

    @Test
    @DisplayName("a managed connection describes itself as the Conveyor send handler, with no connection limit and no user")
    void connectionMetaData() throws ResourceException {
        ManagedConnectionMetaData metaData = factory.createManagedConnection(null, null).getMetaData();

        assertThat(metaData.getEISProductName()).isEqualTo("Conveyor send handler");
        assertThat(metaData.getEISProductVersion()).isEqualTo("1");
        assertThat(metaData.getMaxConnections()).isZero();
        assertThat(metaData.getUserName()).isNull();
    }

    @Test
    @DisplayName("the factory and its managed connections keep the log writer the server sets")
    void logWriters() throws ResourceException {
        PrintWriter log = new PrintWriter(new StringWriter());
        ManagedConnection connection = factory.createManagedConnection(null, null);

        factory.setLogWriter(log);
        connection.setLogWriter(log);

        assertThat(factory.getLogWriter()).isSameAs(log);
        assertThat(connection.getLogWriter()).isSameAs(log);
    }

    /** A resource adapter that does not extend the kit's base class. */
    private static final class ForeignResourceAdapter implements ResourceAdapter {
        @Override
        public void start(jakarta.resource.spi.BootstrapContext context) {
        }

        @Override
        public void stop() {
        }

        @Override
        public void endpointActivation(jakarta.resource.spi.endpoint.MessageEndpointFactory factory,
                                       jakarta.resource.spi.ActivationSpec spec) {
        }

        @Override
        public void endpointDeactivation(jakarta.resource.spi.endpoint.MessageEndpointFactory factory,
                                         jakarta.resource.spi.ActivationSpec spec) {
        }

        @Override
        public javax.transaction.xa.XAResource[] getXAResources(jakarta.resource.spi.ActivationSpec[] specs) {
            return new javax.transaction.xa.XAResource[0];
        }
    }
}
