package io.conveyor.http;

import io.conveyor.kit.testing.HandlerPropertyDocumentation;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class HandlerPropertiesDocumentedTest {

    @Test
    @DisplayName("the README's property table and the server configuration match the @ConfigProperty setters")
    void documentedAsDeclared() throws Exception {
        HandlerPropertyDocumentation.checkConnector(HttpResourceAdapter.class, "conveyor-http", Set.of());
    }
}
