package io.conveyor.console.rest;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;

/**
 * The REST API, under {@code /api}. Every resource delegates to the engine's service API. WildFly serves its OpenAPI
 * document at {@code /openapi}, generated from the resources, with the error answers {@link ErrorShapes} adds. Every
 * call needs HTTP Basic credentials and one of the {@link Roles} its method allows (see WEB-INF/web.xml).
 */
@ApplicationPath("/api")
@OpenAPIDefinition(info = @Info(title = "Conveyor REST API", version = "1",
        description = "Send ports, publishing, work items, the suspended queue, adapters and bindings. Reference and "
                + "error answers: docs/operations.md, REST API; users and roles: docs/operations.md, Security."),
        security = @SecurityRequirement(name = "basic"))
@SecurityScheme(securitySchemeName = "basic", type = SecuritySchemeType.HTTP, scheme = "basic")
public class ConveyorApi extends Application {
}
