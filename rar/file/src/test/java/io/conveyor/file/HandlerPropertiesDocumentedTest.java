package io.conveyor.file;

import io.conveyor.kit.testing.HandlerPropertyDocumentation;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class HandlerPropertiesDocumentedTest {

    @Test
    @DisplayName("the README's property table and the server configuration match the @ConfigProperty setters (allowedRoots aside: the configuration sets the tour's /tmp/conveyor)")
    void documentedAsDeclared() throws Exception {
        HandlerPropertyDocumentation.checkConnector(FileResourceAdapter.class, "conveyor-file", Set.of("allowedRoots"));
    }
}
