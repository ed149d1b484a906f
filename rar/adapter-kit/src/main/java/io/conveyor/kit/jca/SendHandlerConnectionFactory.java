package io.conveyor.kit.jca;

import io.conveyor.adapter.AdapterMetadata;
import io.conveyor.adapter.InvalidEndpointException;
import io.conveyor.adapter.PropertyBag;
import io.conveyor.adapter.SendHandler;
import jakarta.resource.Referenceable;
import java.io.Serializable;
import javax.naming.Reference;

/**
 * The object bound in JNDI for a connector: its {@link SendHandler}, delegating to the connector's
 * {@link SendAdapterResourceAdapter}. The engine looks it up; it holds no state of its own.
 */
public class SendHandlerConnectionFactory implements SendHandler, Serializable, Referenceable {

    private static final long serialVersionUID = 1L;

    private final transient SendHandlerManagedConnectionFactory managedFactory;
    private Reference reference;

    SendHandlerConnectionFactory(SendHandlerManagedConnectionFactory managedFactory) {
        this.managedFactory = managedFactory;
    }

    @Override
    public AdapterMetadata metadata() {
        return managedFactory.sendAdapter().metadata();
    }

    @Override
    public PropertyBag handlerConfiguration() {
        return managedFactory.sendAdapter().handlerConfiguration();
    }

    @Override
    public void validateEndpoint(String address, PropertyBag endpointProperties) throws InvalidEndpointException {
        managedFactory.sendAdapter().validateEndpoint(address, endpointProperties);
    }

    @Override
    public Object createAdapter() {
        return managedFactory.sendAdapter().createAdapter();
    }

    @Override
    public void beforeStop(Runnable action) {
        managedFactory.sendAdapter().beforeStop(action);
    }

    @Override
    public void setReference(Reference reference) {
        this.reference = reference;
    }

    @Override
    public Reference getReference() {
        return reference;
    }

    @Override
    public String toString() {
        return "SendHandler[" + metadata().transportType() + "]";
    }
}
