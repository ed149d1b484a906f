package io.conveyor.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.conveyor.console.rest.AdaptersResource;
import io.conveyor.console.rest.AuditResource;
import io.conveyor.console.rest.BindingsResource;
import io.conveyor.console.rest.MessagesResource;
import io.conveyor.console.rest.PortsResource;
import io.conveyor.console.rest.SuspendedResource;
import io.conveyor.console.rest.WorkItemsResource;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import java.io.StringReader;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.as.arquillian.container.ManagementClient;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The OpenAPI document WildFly serves for the REST API: every resource method of the API is in it, with the error
 * answers' one shape.
 */
@RunAsClient
@ExtendWith(ArquillianExtension.class)
class OpenApiIT {

    /** The API's resources; a resource added to the API without being listed here fails {@link #everyResourceListed}. */
    private static final List<Class<?>> RESOURCES = List.of(AdaptersResource.class, AuditResource.class,
            BindingsResource.class, MessagesResource.class, PortsResource.class, SuspendedResource.class,
            WorkItemsResource.class);

    @ArquillianResource
    ManagementClient management;

    @Deployment
    static EnterpriseArchive deployment() {
        return ConveyorDeployment.ear(OpenApiIT.class);
    }

    @Test
    @DisplayName("every resource method of the REST API is in the OpenAPI document, with the Error shape for 400, 404 and 500")
    void everyResourceMethodDescribed() throws Exception {
        JsonObject document = openApi();
        JsonObject paths = document.getJsonObject("paths");
        List<String> missing = new ArrayList<>();
        for (Class<?> resource : RESOURCES) {
            for (Method method : resource.getDeclaredMethods()) {
                String verb = httpMethod(method);
                if (verb == null) {
                    continue;
                }
                String path = path(resource, method);
                JsonObject operation = paths.containsKey(path) ? paths.getJsonObject(path).getJsonObject(verb) : null;
                if (operation == null) {
                    missing.add(verb.toUpperCase(Locale.ROOT) + " " + path);
                    continue;
                }
                JsonObject responses = operation.getJsonObject("responses");
                for (String status : List.of("400", "404", "500")) {
                    assertThat(responses.getJsonObject(status).getJsonObject("content").getJsonObject("application/json")
                            .getJsonObject("schema").getString("$ref")).as(verb + " " + path + " " + status)
                            .isEqualTo("#/components/schemas/Error");
                }
            }
        }
        assertThat(missing).as("resource methods missing from the OpenAPI document").isEmpty();
        assertThat(paths.getJsonObject("/api/messages").getJsonObject("post").getJsonObject("responses"))
                .containsKeys("413", "422");
        assertThat(document.getJsonObject("components").getJsonObject("schemas").getJsonObject("Error")
                .getJsonObject("properties")).containsKeys("status", "error", "field");
    }

    @Test
    @DisplayName("every JAX-RS resource of the REST API is listed by this test, so a new one cannot go unchecked")
    void everyResourceListed() throws Exception {
        List<String> resources = new ArrayList<>();
        for (String path : openApi().getJsonObject("paths").keySet()) {
            resources.add(path.split("/")[2]);
        }
        List<String> listed = RESOURCES.stream().map(r -> r.getAnnotation(Path.class).value().replace("/", "")).toList();
        assertThat(listed).containsAll(resources.stream().distinct().toList());
    }

    private JsonObject openApi() throws Exception {
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                management.getWebUri().resolve("/openapi?format=JSON")).timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        try (JsonReader reader = Json.createReader(new StringReader(answer.body()))) {
            return reader.readObject();
        }
    }

    private static String httpMethod(Method method) {
        for (Annotation annotation : method.getAnnotations()) {
            HttpMethod verb = annotation.annotationType().getAnnotation(HttpMethod.class);
            if (verb != null) {
                return verb.value().toLowerCase(Locale.ROOT);
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
