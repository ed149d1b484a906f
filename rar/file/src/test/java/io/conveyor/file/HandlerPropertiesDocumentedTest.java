package io.conveyor.file;

import io.conveyor.kit.testing.HandlerPropertyDocumentation;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The handler properties declared by {@link FileResourceAdapter} are the ones the README and the server configuration give. */
class HandlerPropertiesDocumentedTest {

    private static final Path SERVER_CONFIGURATION = Path.of("../../ear/src/main/server/conveyor.cli");

    @Test
    @DisplayName("the README's handler property table matches the @ConfigProperty setters")
    void readmeMatchesTheDeclarations() throws Exception {
        HandlerPropertyDocumentation.of(FileResourceAdapter.class).checkReadme(Path.of("README.md"));
    }

    @Test
    @DisplayName("the server configuration sets only declared properties, at their defaults (allowedRoots aside: the tour's /tmp/conveyor)")
    void serverConfigurationHoldsTheDefaultsExceptTheAllowedRoots() throws Exception {
        HandlerPropertyDocumentation.of(FileResourceAdapter.class).checkCli(SERVER_CONFIGURATION, "conveyor-file", Set.of("allowedRoots"));
    }
}
