package io.conveyor.console.rest;

import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;

/**
 * Adds to the generated OpenAPI document the one shape every error answer of the API has ({@link ErrorResponses}:
 * {@code {"status":400,"error":"...","field":"..."}}), as the schema {@code Error}, and to every operation the error
 * statuses it can answer with that shape, and 401 (no credentials), which the server answers without a body.
 */
public class ErrorShapes implements OASFilter {

    private static final String ERROR_SCHEMA = "#/components/schemas/Error";

    /** What each error status means, as ErrorResponses answers it. */
    private static final Map<String, String> STATUSES = Map.of(
            "400", "Bad input; field names where (nothing was written)",
            "403", "The user has none of the roles the operation needs (the answer names them)",
            "404", "No such port, adapter or stored message, or no such path",
            "409", "A port name already in use, or a port that still has work items",
            "413", "The request is larger than the server takes (conveyor.http.maxRequestBytes)",
            "422", "No enlisted send port subscribes to the published message (nothing was stored)",
            "500", "Anything else, such as an unreachable MessageBox (logged)");

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getComponents() == null) {
            openAPI.setComponents(OASFactory.createComponents());
        }
        openAPI.getComponents().addSchema("Error", OASFactory.createSchema().type(List.of(Schema.SchemaType.OBJECT))
                .addProperty("status", typed(Schema.SchemaType.INTEGER))
                .addProperty("error", typed(Schema.SchemaType.STRING))
                .addProperty("field", typed(Schema.SchemaType.STRING).description("The field at fault, for 400 and 413"))
                .required(List.of("status", "error")));
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        openAPI.getPaths().getPathItems().forEach((path, item) -> item.getOperations().forEach((method, operation) -> {
            STATUSES.forEach((status, meaning) -> {
                if (applies(status, path, method.name())) {
                    addError(operation, status, meaning);
                }
            });
            operation.getResponses().addAPIResponse("401", OASFactory.createAPIResponse()
                    .description("No valid credentials (HTTP Basic); the answer has no body"));
        }));
    }

    private static Schema typed(Schema.SchemaType type) {
        return OASFactory.createSchema().type(List.of(type));
    }

    /** Which statuses an operation can answer, beside 400, 404 and 500, which any can. */
    private static boolean applies(String status, String path, String method) {
        return switch (status) {
            case "409" -> path.startsWith("/api/ports") && !method.equals("GET");
            case "413", "422" -> path.equals("/api/messages") && method.equals("POST");
            default -> true;
        };
    }

    private static void addError(Operation operation, String status, String meaning) {
        if (operation.getResponses() == null) {
            operation.setResponses(OASFactory.createAPIResponses());
        }
        APIResponse response = OASFactory.createAPIResponse().description(meaning).content(jsonError());
        operation.getResponses().addAPIResponse(status, response);
    }

    private static Content jsonError() {
        MediaType json = OASFactory.createMediaType().schema(OASFactory.createSchema().ref(ERROR_SCHEMA));
        return OASFactory.createContent().addMediaType("application/json", json);
    }
}
