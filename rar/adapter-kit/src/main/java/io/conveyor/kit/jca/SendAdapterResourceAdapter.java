package io.conveyor.kit.jca;

import io.conveyor.adapter.AdapterMetadata;
import io.conveyor.adapter.InvalidEndpointException;
import io.conveyor.adapter.MapPropertyBag;
import io.conveyor.adapter.PropertyBag;
import io.conveyor.adapter.PropertyDescriptor;
import io.conveyor.adapter.SendHandler;
import jakarta.resource.NotSupportedException;
import jakarta.resource.spi.ActivationSpec;
import jakarta.resource.spi.BootstrapContext;
import jakarta.resource.spi.ConfigProperty;
import jakarta.resource.spi.ResourceAdapter;
import jakarta.resource.spi.endpoint.MessageEndpointFactory;
import jakarta.resource.spi.work.WorkManager;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.transaction.xa.XAResource;

/**
 * Base class of a connector's JCA resource adapter: extend it, list it as {@code resourceadapter-class} in the
 * connector's {@code ra.xml}, and the kit's connection definition binds a {@link SendHandler} for the engine at
 * {@value SendHandler#JNDI_PREFIX}{@code <TransportType>}.
 *
 * <p><b>Handler configuration.</b> Declare each handler property as a JavaBean property of the subclass with
 * {@link ConfigProperty} on its setter (type {@code String}, {@code Integer}, {@code Long} or {@code Boolean};
 * {@code confidential = true} for passwords). WildFly's {@code resource-adapters} subsystem then holds the values,
 * its management console and CLI edit them, and this class derives from the same annotations both the handler
 * property schema in {@link #metadata()} and the {@link #handlerConfiguration()} handed to the adapter's
 * {@code load}, so the documentation and the code cannot drift.
 *
 * <p>The engine creates the adapter through {@link #createAdapter()}; the subclass builds it with the connector's
 * {@link WorkManager}, on which all adapter I/O must run.
 */
public abstract class SendAdapterResourceAdapter implements ResourceAdapter {

    private static final Logger LOG = Logger.getLogger(SendAdapterResourceAdapter.class.getName());

    private final List<Runnable> beforeStop = new CopyOnWriteArrayList<>();
    private BootstrapContext bootstrapContext;

    /** The adapter's registration, without handler properties: the kit adds those from the annotations. */
    protected abstract AdapterMetadata.Builder describe();

    /** Creates a new adapter object that runs its I/O on the given WorkManager. */
    protected abstract Object createAdapter(WorkManager workManager);

    /** See {@link SendHandler#validateEndpoint}. */
    public abstract void validateEndpoint(String address, PropertyBag endpointProperties) throws InvalidEndpointException;

    @Override
    public void start(BootstrapContext context) {
        this.bootstrapContext = context;
    }

    /**
     * Runs what the engine registered through {@link SendHandler#beforeStop} (it terminates the
     * adapter made from this connector), then lets the server's resources go.
     */
    @Override
    public void stop() {
        for (Runnable action : beforeStop) {
            try {
                action.run();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, getClass().getSimpleName() + ": an action before stop failed", e);
            }
        }
        beforeStop.clear();
        this.bootstrapContext = null;
    }

    /** See {@link SendHandler#beforeStop}. */
    public final void beforeStop(Runnable action) {
        beforeStop.add(action);
    }

    /** Send adapters have no inbound side. */
    @Override
    public void endpointActivation(MessageEndpointFactory endpointFactory, ActivationSpec spec) throws NotSupportedException {
        throw new NotSupportedException(getClass().getSimpleName() + " is a send adapter: it has no message endpoints");
    }

    @Override
    public void endpointDeactivation(MessageEndpointFactory endpointFactory, ActivationSpec spec) {
        // nothing was activated
    }

    @Override
    public XAResource[] getXAResources(ActivationSpec[] specs) {
        return new XAResource[0];
    }

    /** The registration including the handler property schema. */
    public final AdapterMetadata metadata() {
        return describe().handlerProperties(handlerSchema()).build();
    }

    /** A new adapter object; fails when the connector has not been started by the server. */
    public final Object createAdapter() {
        BootstrapContext context = bootstrapContext;
        if (context == null) {
            throw new IllegalStateException(getClass().getSimpleName() + " is not started");
        }
        return createAdapter(context.getWorkManager());
    }

    /** The current handler property values, masked ones in clear, read through the annotated properties' getters. */
    public final PropertyBag handlerConfiguration() {
        return MapPropertyBag.readOnly(configValues());
    }

    private Map<String, Object> configValues() {
        Map<String, Object> values = new LinkedHashMap<>();
        for (Method setter : configSetters()) {
            values.put(propertyName(setter), readProperty(setter));
        }
        return values;
    }

    private List<PropertyDescriptor> handlerSchema() {
        List<PropertyDescriptor> schema = new ArrayList<>();
        for (Method setter : configSetters()) {
            ConfigProperty annotation = setter.getAnnotation(ConfigProperty.class);
            String defaultValue = annotation.defaultValue().isEmpty() ? null : annotation.defaultValue();
            schema.add(new PropertyDescriptor(propertyName(setter), schemaType(setter), false, defaultValue,
                    annotation.confidential(), String.join(" ", annotation.description())));
        }
        return schema;
    }

    private List<Method> configSetters() {
        return Arrays.stream(getClass().getMethods())
                .filter(m -> m.isAnnotationPresent(ConfigProperty.class) && m.getName().startsWith("set")
                        && m.getParameterCount() == 1)
                .sorted(Comparator.comparing(Method::getName))
                .toList();
    }

    private static String propertyName(Method setter) {
        String bare = setter.getName().substring(3);
        return Character.toLowerCase(bare.charAt(0)) + bare.substring(1);
    }

    private static PropertyDescriptor.Type schemaType(Method setter) {
        Class<?> type = setter.getParameterTypes()[0];
        if (type == Integer.class || type == int.class) {
            return PropertyDescriptor.Type.INTEGER;
        }
        if (type == Long.class || type == long.class) {
            return PropertyDescriptor.Type.LONG;
        }
        if (type == Boolean.class || type == boolean.class) {
            return PropertyDescriptor.Type.BOOLEAN;
        }
        return PropertyDescriptor.Type.STRING;
    }

    private Object readProperty(Method setter) {
        String bare = setter.getName().substring(3);
        for (String prefix : List.of("get", "is")) {
            try {
                return getClass().getMethod(prefix + bare).invoke(this);
            } catch (NoSuchMethodException e) {
                // try the next accessor prefix
            } catch (IllegalAccessException | InvocationTargetException e) {
                throw new IllegalStateException("cannot read handler property " + propertyName(setter), e);
            }
        }
        throw new IllegalStateException("handler property " + propertyName(setter) + " has a setter but no getter");
    }

    /**
     * Two resource adapters are equal when they are of the same class with the same configuration (Jakarta Connectors
     * specification, section 5.3.1).
     */
    @Override
    public boolean equals(Object other) {
        return other != null && other.getClass() == getClass()
                && configValues().equals(((SendAdapterResourceAdapter) other).configValues());
    }

    @Override
    public int hashCode() {
        return Objects.hash(getClass().getName(), configValues());
    }
}
