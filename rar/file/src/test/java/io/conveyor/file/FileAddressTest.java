package io.conveyor.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.conveyor.adapter.InvalidEndpointException;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class FileAddressTest {

    private static final List<Path> ROOTS = List.of(Path.of("/tmp/root"));

    /** 2024-03-05 07:08:09.123 UTC; the "local" zone is +05:30, so local time is 12:38:09.123. */
    private static final ZonedDateTime UTC = ZonedDateTime.of(2024, 3, 5, 7, 8, 9, 123_000_000, ZoneOffset.UTC);
    private static final FileAddress.MacroValues VALUES = new FileAddress.MacroValues("msg-42", "order.xml", UTC,
            UTC.withZoneSameInstant(ZoneOffset.ofHoursMinutes(5, 30)));

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"file:///tmp/root/out/x.xml", "FILE:///tmp/root/out/x.xml", "File:///tmp/root/out/x.xml",
            "/tmp/root/out/x.xml"})
    @DisplayName("an address parses with the file:// prefix in any case, or as a bare absolute path")
    void parsesWithOrWithoutPrefix(String address) throws Exception {
        FileAddress parsed = FileAddress.parse(address, ROOTS);

        assertThat(parsed.directory()).isEqualTo(Path.of("/tmp/root/out"));
        assertThat(parsed.target(VALUES)).isEqualTo(Path.of("/tmp/root/out/x.xml"));
    }

    @Test
    @DisplayName("the directory is normalised: '.' and '..' that stay inside the root are accepted")
    void normalisesDirectory() throws Exception {
        FileAddress parsed = FileAddress.parse("/tmp/root/a/./b/../c/x.xml", ROOTS);

        assertThat(parsed.directory()).isEqualTo(Path.of("/tmp/root/a/c"));
    }

    @Test
    @DisplayName("an address right in the root itself is accepted")
    void fileDirectlyInRoot() throws Exception {
        assertThat(FileAddress.parse("file:///tmp/root/x.xml", ROOTS).target(VALUES)).isEqualTo(Path.of("/tmp/root/x.xml"));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "%MessageID%.xml          | msg-42.xml",
            "%datetime%.xml           | 2024-03-05T070809.xml",
            "%datetime_bts2000%.xml   | 20240305070809123.xml",
            "%datetime.tz%.xml        | 2024-03-05T123809+0530.xml",
            "%time%.xml               | 070809.xml",
            "%time.tz%.xml            | 123809+0530.xml",
            "%SourceFileName%         | order.xml",
            "in-%SourceFileName%-%MessageID%.out | in-order.xml-msg-42.out",
            "no-macro.xml             | no-macro.xml",
            "100%.xml                 | 100%.xml"})
    @DisplayName("each macro in the file name expands from the delivery's values")
    void expandsMacros(String pattern, String expected) throws Exception {
        FileAddress parsed = FileAddress.parse("file:///tmp/root/" + pattern, ROOTS);

        assertThat(parsed.target(VALUES)).isEqualTo(Path.of("/tmp/root", expected));
    }

    @Test
    @DisplayName("an expanded %SourceFileName% that contains a slash is refused, so it cannot leave the directory")
    void refusesSourceFileNameWithSlash() throws Exception {
        FileAddress parsed = FileAddress.parse("/tmp/root/%SourceFileName%", ROOTS);
        FileAddress.MacroValues escaping = new FileAddress.MacroValues("m", "../../etc/passwd", UTC, UTC);

        assertThatThrownBy(() -> parsed.target(escaping))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("../../etc/passwd")
                .hasMessageContaining("not a plain file name");
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"..", "."})
    @DisplayName("an expanded file name of '.' or '..' is refused")
    void refusesDotNames(String source) throws Exception {
        FileAddress parsed = FileAddress.parse("/tmp/root/%SourceFileName%", ROOTS);
        FileAddress.MacroValues values = new FileAddress.MacroValues("m", source, UTC, UTC);

        assertThatThrownBy(() -> parsed.target(values)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"", "   "})
    @DisplayName("a blank address is refused on field 'address'")
    void refusesBlank(String address) {
        assertRefused(address, "address is required");
    }

    @Test
    @DisplayName("a null address is refused on field 'address'")
    void refusesNull() {
        assertRefused(null, "address is required");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"out/x.xml", "file://out/x.xml", "file://host/tmp/root/x.xml", "x.xml"})
    @DisplayName("a relative path is refused on field 'address'")
    void refusesRelative(String address) {
        assertRefused(address, "is not file:///absolute/path or /absolute/path");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/tmp/root/", "file:///tmp/root/out/"})
    @DisplayName("an address naming only a directory is refused on field 'address'")
    void refusesDirectoryOnly(String address) {
        assertRefused(address, "names a directory, not a file");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/tmp/root/..", "/tmp/root/a/."})
    @DisplayName("an address whose last segment is '.' or '..' is refused on field 'address'")
    void refusesDotSegment(String address) {
        assertRefused(address, "does not name a file");
    }

    @Test
    @DisplayName("a macro in the directory part is refused on field 'address'")
    void refusesMacroInDirectory() {
        assertRefused("/tmp/root/%MessageID%/x.xml", "macros are allowed in the file name only");
    }

    @Test
    @DisplayName("an unknown macro is refused on field 'address', listing the known ones")
    void refusesUnknownMacro() {
        assertRefused("/tmp/root/%Bogus%.xml", "unknown macro %Bogus%", "%MessageID%", "%SourceFileName%");
    }

    @Test
    @DisplayName("macros are case-sensitive: %messageid% is unknown")
    void macrosAreCaseSensitive() {
        assertRefused("/tmp/root/%messageid%.xml", "unknown macro %messageid%");
    }

    @Test
    @DisplayName("an address outside every allowed root is refused, naming the handler property")
    void refusesOutsideRoots() {
        assertRefused("file:///etc/x.xml", "outside the allowed roots", "allowedRoots");
    }

    @Test
    @DisplayName("'..' that climbs out of a root is refused")
    void refusesDotDotEscape() {
        assertRefused("/tmp/root/../etc/x", "outside the allowed roots");
        assertRefused("/tmp/root/a/../../x", "outside the allowed roots");
    }

    @Test
    @DisplayName("a directory that only shares a string prefix with a root is not inside it")
    void refusesStringPrefixOfRoot() {
        assertRefused("/tmp/rootX/a", "outside the allowed roots");
        assertRefused("/tmp/rootX/sub/a", "outside the allowed roots");
    }

    @Test
    @DisplayName("with several roots, an address under any one of them is accepted")
    void acceptsAnyOfSeveralRoots() throws Exception {
        List<Path> roots = List.of(Path.of("/srv/a"), Path.of("/srv/b"));

        assertThat(FileAddress.parse("/srv/b/in/x", roots).directory()).isEqualTo(Path.of("/srv/b/in"));
        assertThatThrownBy(() -> FileAddress.parse("/srv/c/x", roots)).isInstanceOf(InvalidEndpointException.class);
    }

    @Test
    @DisplayName("with no allowed roots configured, every address is refused")
    void noRootsRefusesEverything() {
        assertThatThrownBy(() -> FileAddress.parse("/tmp/root/x.xml", List.of()))
                .isInstanceOf(InvalidEndpointException.class)
                .hasMessageContaining("outside the allowed roots []");
    }

    @Test
    @DisplayName("a path with a NUL character is refused on field 'address'")
    void refusesInvalidPath() {
        assertRefused("/tmp/root/a\u0000b/x.xml", "is not a valid path");
    }

    private static void assertRefused(String address, String... messageParts) {
        assertThatThrownBy(() -> FileAddress.parse(address, ROOTS))
                .isInstanceOfSatisfying(InvalidEndpointException.class, e -> {
                    assertThat(e.field()).isEqualTo("address");
                    assertThat(e.getMessage()).contains(messageParts);
                });
    }
}
