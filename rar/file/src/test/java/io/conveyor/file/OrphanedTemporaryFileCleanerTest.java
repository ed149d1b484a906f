package io.conveyor.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.conveyor.kit.testing.RefusingWorkManager;
import jakarta.resource.spi.work.WorkRejectedException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OrphanedTemporaryFileCleanerTest {

    private static final Instant STARTED = Instant.parse("2024-03-05T07:08:09Z");
    private static final Instant AN_HOUR_BEFORE = STARTED.minus(Duration.ofHours(1));
    static final String UUID = "0f6c2a4e-9b1d-4c3e-8f2a-5d7b9e1c3a60";
    static final String OTHER_UUID = "7a1e3c5b-2d4f-4a6b-9c8d-0e1f2a3b4c5d";

    /** Holds both the root and a directory outside it, so links between them stay inside the temporary directory. */
    @TempDir
    Path temporaryDirectory;

    private final List<Throwable> problems = new CopyOnWriteArrayList<>();
    private Path root;
    private Path elsewhere;
    private Path lockedDirectory;

    @BeforeEach
    void createDirectories() throws IOException {
        root = Files.createDirectory(temporaryDirectory.resolve("root"));
        elsewhere = Files.createDirectory(temporaryDirectory.resolve("elsewhere"));
    }

    @AfterEach
    void unlock() throws IOException {
        if (lockedDirectory != null) {
            Files.setPosixFilePermissions(lockedDirectory, PosixFilePermissions.fromString("rwx------"));
        }
    }

    @Test
    @DisplayName("temporary files last modified before the start are removed, in nested directories too; delivered files stay")
    void removesOldTemporaryFiles() throws Exception {
        Path top = file(root.resolve(".order.xml." + UUID + ".tmp"), AN_HOUR_BEFORE);
        Path nested = file(root.resolve("a/b/c/.invoice-7.xml." + OTHER_UUID + ".tmp"), AN_HOUR_BEFORE);
        Path delivered = file(root.resolve("a/b/c/invoice-7.xml"), AN_HOUR_BEFORE);

        assertThat(cleaner(root).removeOrphans()).isEqualTo(2);

        assertThat(top).doesNotExist();
        assertThat(nested).doesNotExist();
        assertThat(delivered).exists();
        assertThat(problems).isEmpty();
    }

    @Test
    @DisplayName("a temporary file modified after the start, or just before it (file system clocks are coarse), is kept")
    void keepsFilesWrittenSinceTheStart() throws Exception {
        Path fresh = file(root.resolve(".order.xml." + UUID + ".tmp"), STARTED.plusSeconds(1));
        Path justBefore = file(root.resolve(".order.xml." + OTHER_UUID + ".tmp"), STARTED.minusSeconds(1));

        assertThat(cleaner(root).removeOrphans()).isZero();

        assertThat(fresh).exists();
        assertThat(justBefore).exists();
    }

    @ParameterizedTest
    @ValueSource(strings = {".notes.tmp", "notes.tmp", ".order.xml.tmp", "order.xml." + UUID + ".tmp",
            ".order.xml." + UUID + ".tmp.bak", ".order.xml.0F6C2A4E-9B1D-4C3E-8F2A-5D7B9E1C3A60.tmp"})
    @DisplayName("files of other names, a user's .notes.tmp among them, are kept however old")
    void keepsOtherNames(String name) throws Exception {
        Path file = file(root.resolve("sub").resolve(name), AN_HOUR_BEFORE);

        assertThat(cleaner(root).removeOrphans()).isZero();

        assertThat(file).exists();
    }

    @Test
    @DisplayName("a directory named like a temporary file is kept")
    void keepsDirectories() throws Exception {
        Path directory = Files.createDirectory(root.resolve(".order.xml." + UUID + ".tmp"));
        Files.setLastModifiedTime(directory, FileTime.from(AN_HOUR_BEFORE));

        assertThat(cleaner(root).removeOrphans()).isZero();

        assertThat(directory).isDirectory();
    }

    @Test
    @DisplayName("symbolic links below a root are not followed, and a link named like a temporary file is kept")
    void doesNotFollowLinksOutOfTheRoot() throws Exception {
        Path outsideOrphan = file(elsewhere.resolve(".order.xml." + UUID + ".tmp"), AN_HOUR_BEFORE);
        Files.createSymbolicLink(root.resolve("linked"), elsewhere);
        Path link = Files.createSymbolicLink(root.resolve(".order.xml." + OTHER_UUID + ".tmp"), outsideOrphan);
        Files.getFileAttributeView(link, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                .setTimes(FileTime.from(AN_HOUR_BEFORE), null, null);

        assertThat(cleaner(root).removeOrphans()).isZero();

        assertThat(outsideOrphan).exists();
        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(problems).isEmpty();
    }

    @Test
    @DisplayName("a root that is itself a symbolic link is searched")
    void rootMayBeALink() throws Exception {
        Path orphan = file(root.resolve(".order.xml." + UUID + ".tmp"), AN_HOUR_BEFORE);
        Path linkedRoot = Files.createSymbolicLink(elsewhere.resolve("out"), root);

        assertThat(cleaner(linkedRoot).removeOrphans()).isEqualTo(1);

        assertThat(orphan).doesNotExist();
    }

    @Test
    @DisplayName("a root that does not exist yet is skipped without a report")
    void missingRootIsSkipped() throws Exception {
        Path orphan = file(root.resolve(".order.xml." + UUID + ".tmp"), AN_HOUR_BEFORE);

        assertThat(cleaner(root.resolve("not-yet"), root).removeOrphans()).isEqualTo(1);

        assertThat(orphan).doesNotExist();
        assertThat(problems).isEmpty();
    }

    @Test
    @DisplayName("a root that cannot be searched (a link to itself) is reported, and the other roots are still cleaned")
    void unsearchableRootIsReported() throws Exception {
        Path loop = Files.createSymbolicLink(elsewhere.resolve("loop"), elsewhere.resolve("loop"));
        Path orphan = file(root.resolve(".order.xml." + UUID + ".tmp"), AN_HOUR_BEFORE);

        assertThat(cleaner(loop, root).removeOrphans()).isEqualTo(1);

        assertThat(orphan).doesNotExist();
        assertThat(problems).singleElement().satisfies(e -> assertThat(e).hasMessageContaining(loop.toString()));
    }

    @Test
    @DisplayName("a directory that cannot be read is reported, and the rest of the tree is still cleaned")
    void unreadableDirectoryIsReported() throws Exception {
        Path orphan = file(root.resolve("open/.order.xml." + UUID + ".tmp"), AN_HOUR_BEFORE);
        Path locked = Files.createDirectories(root.resolve("locked"));
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("---------"));
        lockedDirectory = locked;
        assumeFalse(Files.isReadable(locked), "permissions do not restrict this user (root)");

        assertThat(cleaner(root).removeOrphans()).isEqualTo(1);

        assertThat(orphan).doesNotExist();
        assertThat(problems).singleElement().satisfies(e -> assertThat(e).hasMessageContaining(locked.toString()));
    }

    @Test
    @DisplayName("once the WorkManager releases the work, the search stops")
    void releaseStops() throws Exception {
        Path orphan = file(root.resolve(".order.xml." + UUID + ".tmp"), AN_HOUR_BEFORE);
        OrphanedTemporaryFileCleaner cleaner = cleaner(root);

        cleaner.release();
        cleaner.run();

        assertThat(orphan).exists();
    }

    @Test
    @DisplayName("a WorkManager that refuses the work is reported, not thrown")
    void refusedWorkIsReported() {
        assertThatCode(() -> cleaner(root).startOn(new RefusingWorkManager())).doesNotThrowAnyException();

        assertThat(problems).singleElement().satisfies(e -> assertThat(e).hasCauseInstanceOf(WorkRejectedException.class));
    }

    private OrphanedTemporaryFileCleaner cleaner(Path... roots) {
        return new OrphanedTemporaryFileCleaner(List.of(roots), STARTED, problems::add);
    }

    /** Writes a file, with its directories, last modified at the given time. */
    static Path file(Path path, Instant lastModified) throws IOException {
        Files.createDirectories(path.getParent());
        Files.writeString(path, "partial body");
        Files.setLastModifiedTime(path, FileTime.from(lastModified));
        return path;
    }
}
