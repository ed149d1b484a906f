package io.conveyor.file;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.conveyor.adapter.MapPropertyBag;
import io.conveyor.kit.testing.TestMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The allowed roots hold for the real path at write time: real files and real symbolic links, delivered as the
 * engine delivers them (through the blocking adapter), races played out between staging and placing, and a batch's
 * passes sharing each directory they open.
 */
class AllowedRootsAtWriteTimeTest {

    @TempDir
    Path root;

    @TempDir
    Path outside;

    @ParameterizedTest(name = "{0}")
    @EnumSource(CopyMode.class)
    @DisplayName("a link inside the root to a directory outside is refused, naming the directory and the root, and nothing appears outside")
    void linkedDirectoryOutsideRefused(CopyMode mode) throws Exception {
        Files.createSymbolicLink(root.resolve("etc"), outside);
        BlockingFileTransmitter adapter = adapterFor(root.toString());

        assertThatThrownBy(() -> adapter.transmitMessage(message(root + "/etc/passwd", mode)))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("refused to write into " + root.resolve("etc"))
                .hasMessageContaining(root.resolve("etc") + " is a symbolic link")
                .hasMessageContaining("allowed root " + root);

        assertThat(listing(outside)).isEmpty();
    }

    @Test
    @DisplayName("missing directories below a linked directory are not created outside either")
    void noDirectoryCreatedThroughLink() throws Exception {
        Files.createSymbolicLink(root.resolve("etc"), outside);
        BlockingFileTransmitter adapter = adapterFor(root.toString());

        assertThatThrownBy(() -> adapter.transmitMessage(message(root + "/etc/cron.d/job", CopyMode.CREATE_NEW)))
                .hasMessageContaining("is a symbolic link");

        assertThat(listing(outside)).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(CopyMode.class)
    @DisplayName("a link as the file name, pointing to a file outside, is refused in every copy mode: neither followed nor replaced")
    void linkedFileNameRefused(CopyMode mode) throws Exception {
        Path victim = Files.writeString(outside.resolve("shadow"), "untouched");
        Path link = Files.createSymbolicLink(root.resolve("out.txt"), victim);
        BlockingFileTransmitter adapter = adapterFor(root.toString());

        assertThatThrownBy(() -> adapter.transmitMessage(message(link.toString(), mode)))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("refused to write " + link + ": it is a symbolic link")
                .hasMessageContaining("allowed root " + root);

        assertThat(victim).hasContent("untouched");
        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(listing(outside)).containsExactly("shadow");
        AtomicFileWriterTest.assertNoTemporaryFiles(root);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(CopyMode.class)
    @DisplayName("a root configured through a symbolic link still works: the file lands in the real directory")
    void rootConfiguredThroughLink(CopyMode mode, @TempDir Path links) throws Exception {
        Path linkedRoot = Files.createSymbolicLink(links.resolve("conveyor"), root);
        BlockingFileTransmitter adapter = adapterFor(linkedRoot.toString());

        assertThat(adapter.transmitMessage(message(linkedRoot + "/in/x.xml", mode))).isTrue();

        assertThat(root.resolve("in/x.xml")).hasContent("<order/>");
        AtomicFileWriterTest.assertNoTemporaryFiles(root.resolve("in"));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(CopyMode.class)
    @DisplayName("a normal nested path under the root is written, its missing directories made")
    void nestedPathWritten(CopyMode mode) throws Exception {
        BlockingFileTransmitter adapter = adapterFor(root.toString());

        assertThat(adapter.transmitMessage(message(root + "/a/b/c/x.xml", mode))).isTrue();

        assertThat(root.resolve("a/b/c/x.xml")).hasContent("<order/>");
        AtomicFileWriterTest.assertNoTemporaryFiles(root.resolve("a/b/c"));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = CopyMode.class, names = {"CREATE_NEW", "OVERWRITE"})
    @DisplayName("a directory swapped for a link to the outside between writing the body and placing it: placing is refused and nothing appears outside")
    void directorySwappedForLinkBeforePlacing(CopyMode mode) throws Exception {
        AtomicFileWriter writer = new AtomicFileWriter(true, List.of(AllowedRoot.resolve(root)));
        AtomicFileWriter.Staged staged = writer.stage(root.resolve("out/x.xml"),
                new ByteArrayInputStream("<order/>".getBytes(UTF_8)), mode);
        Files.move(root.resolve("out"), root.resolve("moved"));
        Files.createSymbolicLink(root.resolve("out"), outside);

        assertThatThrownBy(() -> writer.place(staged))
                .isInstanceOf(IOException.class)
                .hasMessageContaining(root.resolve("out") + " is a symbolic link");

        assertThat(listing(outside)).isEmpty();
    }

    @Test
    @DisplayName("a directory replaced by another real one between writing the body and placing it: placing is refused")
    void directoryReplacedBeforePlacing() throws Exception {
        AtomicFileWriter writer = new AtomicFileWriter(true, List.of(AllowedRoot.resolve(root)));
        AtomicFileWriter.Staged staged = writer.stage(root.resolve("out/x.xml"),
                new ByteArrayInputStream("<order/>".getBytes(UTF_8)), CopyMode.CREATE_NEW);
        Files.move(root.resolve("out"), root.resolve("moved"));
        Files.createDirectory(root.resolve("out"));

        assertThatThrownBy(() -> writer.place(staged))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("was replaced after the body was written into it");

        assertThat(listing(root.resolve("out"))).isEmpty();
    }

    @Test
    @DisplayName("a batch opens its directory once per pass: files staged together land in it, and a directory replaced between the passes refuses every one of them")
    void batchPassesShareTheirDirectory() throws Exception {
        AtomicFileWriter writer = new AtomicFileWriter(true, List.of(AllowedRoot.resolve(root)));
        AtomicFileWriter.Staged first;
        AtomicFileWriter.Staged second;
        try (OpenDirectories staging = writer.forStaging()) {
            first = writer.stage(root.resolve("out/1.xml"), new ByteArrayInputStream("<one/>".getBytes(UTF_8)),
                    CopyMode.CREATE_NEW, staging);
            second = writer.stage(root.resolve("out/2.xml"), new ByteArrayInputStream("<two/>".getBytes(UTF_8)),
                    CopyMode.OVERWRITE, staging);
            assertThat(staging.get(root.resolve("out"))).isSameAs(staging.get(root.resolve("out")));
        }
        try (OpenDirectories placing = writer.forPlacing()) {
            writer.place(first, placing);
            writer.place(second, placing);
        }
        assertThat(root.resolve("out/1.xml")).hasContent("<one/>");
        assertThat(root.resolve("out/2.xml")).hasContent("<two/>");
        AtomicFileWriterTest.assertNoTemporaryFiles(root.resolve("out"));

        AtomicFileWriter.Staged third;
        AtomicFileWriter.Staged fourth;
        try (OpenDirectories staging = writer.forStaging()) {
            third = writer.stage(root.resolve("out/3.xml"), new ByteArrayInputStream("<three/>".getBytes(UTF_8)),
                    CopyMode.CREATE_NEW, staging);
            fourth = writer.stage(root.resolve("out/4.xml"), new ByteArrayInputStream("<four/>".getBytes(UTF_8)),
                    CopyMode.CREATE_NEW, staging);
        }
        Files.move(root.resolve("out"), root.resolve("moved"));
        Files.createDirectory(root.resolve("out"));
        try (OpenDirectories placing = writer.forPlacing()) {
            for (AtomicFileWriter.Staged staged : List.of(third, fourth)) {
                assertThatThrownBy(() -> writer.place(staged, placing))
                        .hasMessageContaining("was replaced after the body was written into it");
            }
        }
        assertThat(listing(root.resolve("out"))).isEmpty();
    }

    private static BlockingFileTransmitter adapterFor(String allowedRoots) {
        BlockingFileTransmitter adapter = new BlockingFileTransmitter(null, BatchingFileTransmitterTest.CLOCK);
        adapter.load(MapPropertyBag.readOnly(Map.of("allowedRoots", allowedRoots)));
        return adapter;
    }

    private static TestMessage message(String address, CopyMode mode) {
        return new TestMessage("m-1", "<order/>").address(address)
                .with(FileResourceAdapter.COPY_MODE, FileResourceAdapter.NAMESPACE, mode.name());
    }

    private static List<String> listing(Path directory) throws IOException {
        try (Stream<Path> files = Files.walk(directory)) {
            return files.filter(p -> !p.equals(directory)).map(p -> directory.relativize(p).toString()).sorted().toList();
        }
    }
}
