package io.conveyor.file;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TemporaryFileNameTest {

    private static final String UUID = "0f6c2a4e-9b1d-4c3e-8f2a-5d7b9e1c3a60";

    @Test
    @DisplayName("a temporary file is hidden, lies next to its target, is new each time, and is recognised")
    void nextIsRecognised() {
        Path target = Path.of("/srv/out/order.xml");

        Path first = TemporaryFileName.next(target);
        Path second = TemporaryFileName.next(target);

        assertThat(first.getParent()).isEqualTo(target.getParent());
        assertThat(first.getFileName().toString()).startsWith(".order.xml.").endsWith(".tmp");
        assertThat(second).isNotEqualTo(first);
        assertThat(TemporaryFileName.matches(first)).isTrue();
    }

    @Test
    @DisplayName("a long target name is cut to its first 32 code points, multi-byte ones included, and still recognised")
    void longNamesAreCut() {
        Path plain = TemporaryFileName.next(Path.of("/out/" + "n".repeat(255)));
        Path parcels = TemporaryFileName.next(Path.of("/out/" + "\uD83D\uDCE6".repeat(63)));

        assertThat(plain.getFileName().toString()).startsWith("." + "n".repeat(32) + ".");
        assertThat(parcels.getFileName().toString()).startsWith("." + "\uD83D\uDCE6".repeat(32) + ".");
        assertThat(TemporaryFileName.matches(plain)).isTrue();
        assertThat(TemporaryFileName.matches(parcels)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {".notes.tmp", "notes.tmp", ".order.xml.tmp", "order.xml." + UUID + ".tmp",
            ".order.xml." + UUID + ".tmp.bak", ".order.xml." + UUID + ".TMP", "." + UUID + ".tmp",
            ".order.xml.0F6C2A4E-9B1D-4C3E-8F2A-5D7B9E1C3A60.tmp", ".order.xml.0f6c2a4e9b1d4c3e8f2a5d7b9e1c3a60.tmp",
            ".nnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnn." + UUID + ".tmp"})
    @DisplayName("other names, a user's .notes.tmp among them, are not recognised")
    void otherNamesAreNot(String name) {
        assertThat(TemporaryFileName.matches(Path.of("/out", name))).isFalse();
    }
}
