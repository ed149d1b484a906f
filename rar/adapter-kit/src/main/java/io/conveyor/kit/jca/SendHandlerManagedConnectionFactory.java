package io.conveyor.kit.jca;

import jakarta.resource.ResourceException;
import jakarta.resource.spi.ConnectionManager;
import jakarta.resource.spi.ConnectionRequestInfo;
import jakarta.resource.spi.ManagedConnection;
import jakarta.resource.spi.ManagedConnectionFactory;
import jakarta.resource.spi.ResourceAdapter;
import jakarta.resource.spi.ResourceAdapterAssociation;
import java.io.PrintWriter;
import java.util.Set;
import javax.security.auth.Subject;

/**
 * The kit's JCA connection definition: the container calls it to create the {@link SendHandlerConnectionFactory}
 * it binds in JNDI. Connectors name it in {@code ra.xml}; adapter authors never touch it.
 */
public class SendHandlerManagedConnectionFactory implements ManagedConnectionFactory, ResourceAdapterAssociation {

    private static final long serialVersionUID = 1L;

    private transient SendAdapterResourceAdapter resourceAdapter;
    private transient PrintWriter logWriter;

    @Override
    public Object createConnectionFactory(ConnectionManager connectionManager) {
        return new SendHandlerConnectionFactory(this);
    }

    @Override
    public Object createConnectionFactory() {
        return new SendHandlerConnectionFactory(this);
    }

    @Override
    public ManagedConnection createManagedConnection(Subject subject, ConnectionRequestInfo info) {
        return new SendHandlerManagedConnection(this);
    }

    @Override
    public ManagedConnection matchManagedConnections(@SuppressWarnings("rawtypes") Set connections, Subject subject,
                                                     ConnectionRequestInfo info) {
        for (Object connection : connections) {
            if (connection instanceof SendHandlerManagedConnection managed && managed.factory() == this) {
                return managed;
            }
        }
        return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        this.logWriter = out;
    }

    @Override
    public PrintWriter getLogWriter() {
        return logWriter;
    }

    @Override
    public ResourceAdapter getResourceAdapter() {
        return resourceAdapter;
    }

    @Override
    public void setResourceAdapter(ResourceAdapter adapter) throws ResourceException {
        if (!(adapter instanceof SendAdapterResourceAdapter sendAdapter)) {
            throw new ResourceException("the resource adapter must extend " + SendAdapterResourceAdapter.class.getName()
                    + ", was " + (adapter == null ? "null" : adapter.getClass().getName()));
        }
        this.resourceAdapter = sendAdapter;
    }

    SendAdapterResourceAdapter sendAdapter() {
        if (resourceAdapter == null) {
            throw new IllegalStateException("the connection factory is not associated with its resource adapter");
        }
        return resourceAdapter;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SendHandlerManagedConnectionFactory that && that.resourceAdapter == resourceAdapter;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(resourceAdapter);
    }
}
