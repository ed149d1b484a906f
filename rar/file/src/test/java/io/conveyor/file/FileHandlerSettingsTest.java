package io.conveyor.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.conveyor.adapter.MapPropertyBag;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FileHandlerSettingsTest {

    @Test
    @DisplayName("an empty configuration gives the defaults: no roots, NON_BLOCKING, batches of 20, forced to disk")
    void defaults() {
        FileHandlerSettings settings = FileHandlerSettings.from(new MapPropertyBag());

        assertThat(settings.allowedRoots()).isEmpty();
        assertThat(settings.mode()).isEqualTo(SendMode.NON_BLOCKING);
        assertThat(settings.batchSize()).isEqualTo(20);
        assertThat(settings.forceToDisk()).isTrue();
    }

    @Test
    @DisplayName("the resource adapter's own defaults give the same settings")
    void resourceAdapterDefaults() {
        FileHandlerSettings settings = FileHandlerSettings.from(new FileResourceAdapter().handlerConfiguration());

        assertThat(settings).isEqualTo(FileHandlerSettings.from(new MapPropertyBag()));
    }

    @Test
    @DisplayName("allowedRoots is a comma list; blanks are ignored and each root is normalised")
    void parsesRoots() {
        FileHandlerSettings settings = settings(Map.of("allowedRoots", " /srv/out , ,/data/in/../drop/,, "));

        assertThat(settings.configuredRoots()).containsExactly(Path.of("/srv/out"), Path.of("/data/drop"));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"relative/dir", "/srv/out, relative", "./x"})
    @DisplayName("a relative root is refused, naming allowedRoots")
    void refusesRelativeRoot(String roots) {
        assertThatThrownBy(() -> settings(Map.of("allowedRoots", roots)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("allowedRoots:")
                .hasMessageContaining("is not an absolute path");
    }

    @Test
    @DisplayName("a root that is not a path at all is refused, naming allowedRoots")
    void refusesInvalidRoot() {
        assertThatThrownBy(() -> settings(Map.of("allowedRoots", "/srv/a\u0000b")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("allowedRoots:")
                .hasMessageContaining("is not a path");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"BLOCKING", "blocking", " Blocking "})
    @DisplayName("mode is case-insensitive and trimmed")
    void modeIsCaseInsensitive(String mode) {
        assertThat(settings(Map.of("mode", mode)).mode()).isEqualTo(SendMode.BLOCKING);
    }

    @Test
    @DisplayName("non_blocking in lower case is NON_BLOCKING")
    void nonBlockingLowerCase() {
        assertThat(settings(Map.of("mode", "non_blocking")).mode()).isEqualTo(SendMode.NON_BLOCKING);
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"FAST", "", "NON-BLOCKING"})
    @DisplayName("an unknown mode is refused, naming mode and the allowed values")
    void refusesUnknownMode(String mode) {
        assertThatThrownBy(() -> settings(Map.of("mode", mode)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("mode:")
                .hasMessageContaining("BLOCKING, NON_BLOCKING");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(ints = {1, 20, 1000})
    @DisplayName("batchSize from 1 to 1000 is accepted")
    void acceptsBatchSize(int size) {
        assertThat(settings(Map.of("batchSize", size)).batchSize()).isEqualTo(size);
    }

    @Test
    @DisplayName("batchSize given as text is parsed")
    void batchSizeAsText() {
        assertThat(settings(Map.of("batchSize", " 50 ")).batchSize()).isEqualTo(50);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(ints = {0, -1, 1001})
    @DisplayName("batchSize outside 1..1000 is refused, naming batchSize")
    void refusesBatchSizeOutOfBounds(int size) {
        assertThatThrownBy(() -> settings(Map.of("batchSize", size)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("batchSize:")
                .hasMessageContaining("between 1 and 1000");
    }

    @Test
    @DisplayName("batchSize that is not a number is refused, naming batchSize")
    void refusesNonNumericBatchSize() {
        assertThatThrownBy(() -> settings(Map.of("batchSize", "lots")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("batchSize:")
                .hasMessageContaining("'lots'");
    }

    @Test
    @DisplayName("forceToDisk=false is read, as a Boolean or as text")
    void forceToDiskOff() {
        assertThat(settings(Map.of("forceToDisk", Boolean.FALSE)).forceToDisk()).isFalse();
        assertThat(settings(Map.of("forceToDisk", "FALSE")).forceToDisk()).isFalse();
        assertThat(settings(Map.of("forceToDisk", "true")).forceToDisk()).isTrue();
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"yes", "on", "1", ""})
    @DisplayName("forceToDisk other than true/false is refused rather than silently turning fsync off")
    void refusesFuzzyForceToDisk(String value) {
        assertThatThrownBy(() -> settings(Map.of("forceToDisk", value)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("forceToDisk:");
    }

    private static FileHandlerSettings settings(Map<String, ?> values) {
        return FileHandlerSettings.from(MapPropertyBag.readOnly(values));
    }
}
