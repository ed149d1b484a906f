package io.conveyor.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.ws.rs.Path;
import java.io.StringReader;
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
 * The OpenAPI document WildFly serves for the REST API, without credentials: every resource method of the API is in it,
 * with the error answers' one shape and the Basic authentication every operation needs.
 */
@RunAsClient
@ExtendWith(ArquillianExtension.class)
class OpenApiIT {

    @ArquillianResource
    ManagementClient management;

    @Deployment
    static EnterpriseArchive deployment() {
        return ConveyorDeployment.ear(OpenApiIT.class);
    }

    @Test
    @DisplayName("every resource method of the REST API is in the OpenAPI document, with the Error shape for 400, 403, 404 and 500, and 401")
    void everyResourceMethodDescribed() throws Exception {
        JsonObject document = openApi();
        JsonObject paths = document.getJsonObject("paths");
        List<String> missing = new ArrayList<>();
        for (ApiResources.Operation operation : ApiResources.operations()) {
            String verb = operation.verb().toLowerCase(Locale.ROOT);
            JsonObject described = paths.containsKey(operation.path())
                    ? paths.getJsonObject(operation.path()).getJsonObject(verb) : null;
            if (described == null) {
                missing.add(operation.toString());
                continue;
            }
            JsonObject responses = described.getJsonObject("responses");
            for (String status : List.of("400", "403", "404", "500")) {
                assertThat(responses.getJsonObject(status).getJsonObject("content").getJsonObject("application/json")
                        .getJsonObject("schema").getString("$ref")).as(operation + " " + status)
                        .isEqualTo("#/components/schemas/Error");
            }
            assertThat(responses.containsKey("401")).as(operation + " 401").isTrue();
        }
        assertThat(missing).as("resource methods missing from the OpenAPI document").isEmpty();
        assertThat(paths.getJsonObject("/api/messages").getJsonObject("post").getJsonObject("responses"))
                .containsKeys("413", "422");
        assertThat(document.getJsonObject("components").getJsonObject("schemas").getJsonObject("Error")
                .getJsonObject("properties")).containsKeys("status", "error", "field");
        assertThat(document.getJsonObject("components").getJsonObject("securitySchemes").getJsonObject("basic")
                .getString("scheme")).isEqualTo("basic");
    }

    @Test
    @DisplayName("every JAX-RS resource of the REST API is listed in ApiResources, so a new one cannot go unchecked here or in the role matrix")
    void everyResourceListed() throws Exception {
        List<String> resources = new ArrayList<>();
        for (String path : openApi().getJsonObject("paths").keySet()) {
            resources.add(path.split("/")[2]);
        }
        List<String> listed = ApiResources.RESOURCES.stream().map(r -> r.getAnnotation(Path.class).value().replace("/", "")).toList();
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
}
