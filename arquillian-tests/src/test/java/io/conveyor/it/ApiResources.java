package io.conveyor.it;

import io.conveyor.console.rest.AdaptersResource;
import io.conveyor.console.rest.AuditResource;
import io.conveyor.console.rest.BindingsResource;
import io.conveyor.console.rest.MeResource;
import io.conveyor.console.rest.MessagesResource;
import io.conveyor.console.rest.PortsResource;
import io.conveyor.console.rest.ServersResource;
import io.conveyor.console.rest.StatisticsResource;
import io.conveyor.console.rest.SuspendedResource;
import io.conveyor.console.rest.TrackingResource;
import io.conveyor.console.rest.WorkItemsResource;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The REST API's operations, read from its resource classes: what {@link OpenApiIT} and {@link RoleMatrixIT} check
 * one by one. {@link OpenApiIT} fails when a resource is added to the API without being listed here.
 */
final class ApiResources {

    /** The API's resources. */
    static final List<Class<?>> RESOURCES = List.of(AdaptersResource.class, AuditResource.class,
            BindingsResource.class, MeResource.class, MessagesResource.class, PortsResource.class,
            ServersResource.class, StatisticsResource.class, SuspendedResource.class, TrackingResource.class,
            WorkItemsResource.class);

    /** One operation: its HTTP method (upper case), its path as OpenAPI writes it, and the Java method serving it. */
    record Operation(String verb, String path, Method method) {
        @Override
        public String toString() {
            return verb + " " + path;
        }
    }

    private ApiResources() {
    }

    /** Every resource method of every listed resource. */
    static List<Operation> operations() {
        List<Operation> operations = new ArrayList<>();
        for (Class<?> resource : RESOURCES) {
            for (Method method : resource.getDeclaredMethods()) {
                String verb = httpMethod(method);
                if (verb != null) {
                    operations.add(new Operation(verb, path(resource, method), method));
                }
            }
        }
        return operations;
    }

    private static String httpMethod(Method method) {
        for (Annotation annotation : method.getAnnotations()) {
            HttpMethod verb = annotation.annotationType().getAnnotation(HttpMethod.class);
            if (verb != null) {
                return verb.value().toUpperCase(Locale.ROOT);
            }
        }
        return null;
    }

    /** {@code /api} + the class's path + the method's, with {@code {name: regex}} templates as {@code {name}}. */
    private static String path(Class<?> resource, Method method) {
        String path = "/api/" + strip(resource.getAnnotation(Path.class).value());
        Path own = method.getAnnotation(Path.class);
        if (own != null && !strip(own.value()).isEmpty()) {
            path += "/" + strip(own.value());
        }
        return path.replaceAll("\\{\\s*([^:}\\s]+)\\s*:[^}]*}", "{$1}");
    }

    private static String strip(String path) {
        return path.replaceAll("^/+|/+$", "");
    }
}
