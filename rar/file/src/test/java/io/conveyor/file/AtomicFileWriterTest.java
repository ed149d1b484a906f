package io.conveyor.file;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class AtomicFileWriterTest {

    @TempDir
    Path dir;

    private final ExecutorService threads = Executors.newCachedThreadPool();

    @AfterEach
    void stopThreads() {
        threads.shutdownNow();
    }

    @Test
    @DisplayName("CREATE_NEW writes a new file with exactly the body")
    void createNewWrites() throws Exception {
        Path target = dir.resolve("a.xml");

        writer(true).write(target, body("<a/>"), CopyMode.CREATE_NEW);

        assertThat(target).hasContent("<a/>");
        assertNoTemporaryFiles(dir);
    }

    @Test
    @DisplayName("CREATE_NEW onto an existing file throws FileAlreadyExistsException and leaves the original untouched")
    void createNewRefusesExisting() throws Exception {
        Path target = dir.resolve("a.xml");
        Files.writeString(target, "original");

        assertThatThrownBy(() -> writer(true).write(target, body("new"), CopyMode.CREATE_NEW))
                .isInstanceOf(FileAlreadyExistsException.class);

        assertThat(target).hasContent("original");
        assertNoTemporaryFiles(dir);
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    @DisplayName("CREATE_NEW onto a file holding exactly the body is the same delivery made again: it succeeds and leaves the file as it was")
    void createNewOntoIdenticalFileSucceeds(boolean forceToDisk) throws Exception {
        Path target = dir.resolve("a.xml");
        Files.writeString(target, "<order id=\"7\"/>");
        Object fileBefore = Files.readAttributes(target, BasicFileAttributes.class).fileKey();

        writer(forceToDisk).write(target, body("<order id=\"7\"/>"), CopyMode.CREATE_NEW);

        assertThat(target).hasContent("<order id=\"7\"/>");
        assertThat(Files.readAttributes(target, BasicFileAttributes.class).fileKey()).isEqualTo(fileBefore);
        assertNoTemporaryFiles(dir);
    }

    @Test
    @DisplayName("CREATE_NEW onto an identical file of several MiB succeeds")
    void createNewOntoLargeIdenticalFileSucceeds() throws Exception {
        byte[] data = randomBytes(3 * 1024 * 1024 + 17);
        Path target = dir.resolve("big.bin");
        Files.write(target, data);

        writer(true).write(target, new ByteArrayInputStream(data), CopyMode.CREATE_NEW);

        assertThat(Files.readAllBytes(target)).isEqualTo(data);
        assertNoTemporaryFiles(dir);
    }

    @Test
    @DisplayName("CREATE_NEW onto a file of the same size with different bytes is refused and leaves the file untouched")
    void createNewOntoSameSizeDifferentBytesRefused() throws Exception {
        Path target = dir.resolve("a.xml");
        Files.writeString(target, "original");

        assertThatThrownBy(() -> writer(true).write(target, body("ORIGINAL"), CopyMode.CREATE_NEW))
                .isInstanceOf(FileAlreadyExistsException.class);

        assertThat(target).hasContent("original");
        assertNoTemporaryFiles(dir);
    }

    @Test
    @DisplayName("CREATE_NEW onto a file of several MiB differing only in its last byte is refused")
    void createNewOntoLargeFileDifferingAtTheEndRefused() throws Exception {
        byte[] existing = randomBytes(3 * 1024 * 1024 + 17);
        byte[] body = existing.clone();
        body[body.length - 1]++;
        Path target = dir.resolve("big.bin");
        Files.write(target, existing);

        assertThatThrownBy(() -> writer(true).write(target, new ByteArrayInputStream(body), CopyMode.CREATE_NEW))
                .isInstanceOf(FileAlreadyExistsException.class);

        assertThat(Files.readAllBytes(target)).isEqualTo(existing);
        assertNoTemporaryFiles(dir);
    }

    @ParameterizedTest
    @CsvSource({"<a/>, <a/><b/>", "<a/><b/>, <a/>"})
    @DisplayName("CREATE_NEW onto a file that is a prefix of the body, or has the body as its prefix, is refused")
    void createNewOntoPrefixRefused(String existing, String body) throws Exception {
        Path target = dir.resolve("a.xml");
        Files.writeString(target, existing);

        assertThatThrownBy(() -> writer(true).write(target, body(body), CopyMode.CREATE_NEW))
                .isInstanceOf(FileAlreadyExistsException.class);

        assertThat(target).hasContent(existing);
        assertNoTemporaryFiles(dir);
    }

    @Test
    @DisplayName("CREATE_NEW onto a symbolic link to an identical file is refused: the adapter never makes links, so it is no earlier delivery")
    void createNewOntoSymbolicLinkRefused() throws Exception {
        Path elsewhere = Files.writeString(dir.resolve("elsewhere.xml"), "<a/>");
        Path target = Files.createSymbolicLink(dir.resolve("a.xml"), elsewhere);

        assertThatThrownBy(() -> writer(true).write(target, body("<a/>"), CopyMode.CREATE_NEW))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("is a symbolic link");

        assertThat(Files.isSymbolicLink(target)).isTrue();
        assertNoTemporaryFiles(dir);
    }

    @Test
    @DisplayName("OVERWRITE replaces an existing file")
    void overwriteReplaces() throws Exception {
        Path target = dir.resolve("a.xml");
        Files.writeString(target, "a much longer original content");

        writer(true).write(target, body("new"), CopyMode.OVERWRITE);

        assertThat(target).hasContent("new");
        assertNoTemporaryFiles(dir);
    }

    @Test
    @DisplayName("OVERWRITE creates the file when it does not exist")
    void overwriteCreates() throws Exception {
        Path target = dir.resolve("a.xml");

        writer(true).write(target, body("new"), CopyMode.OVERWRITE);

        assertThat(target).hasContent("new");
    }

    @Test
    @DisplayName("APPEND adds the body after the existing content, and creates the file when absent")
    void appendAppends() throws Exception {
        Path target = dir.resolve("log.txt");
        AtomicFileWriter writer = writer(true);

        writer.write(target, body("one\n"), CopyMode.APPEND);
        writer.write(target, body("two\n"), CopyMode.APPEND);

        assertThat(target).hasContent("one\ntwo\n");
        assertNoTemporaryFiles(dir);
    }

    @ParameterizedTest
    @EnumSource(CopyMode.class)
    @DisplayName("missing directories up to the target are created")
    void createsMissingDirectories(CopyMode mode) throws Exception {
        Path target = dir.resolve("a/b/c/x.xml");

        writer(true).write(target, body("x"), mode);

        assertThat(target).hasContent("x");
    }

    @ParameterizedTest
    @EnumSource(CopyMode.class)
    @DisplayName("a 3 MB body round-trips byte for byte")
    void largeBodyRoundTrips(CopyMode mode) throws Exception {
        byte[] data = randomBytes(3 * 1024 * 1024 + 17);
        Path target = dir.resolve("big.bin");

        writer(true).write(target, new ByteArrayInputStream(data), mode);

        assertThat(Files.readAllBytes(target)).isEqualTo(data);
        assertNoTemporaryFiles(dir);
    }

    @ParameterizedTest
    @EnumSource(CopyMode.class)
    @DisplayName("with forceToDisk=false every mode still writes the body")
    void withoutForce(CopyMode mode) throws Exception {
        Path target = dir.resolve("sub/x.xml");

        writer(false).write(target, body("fast"), mode);

        assertThat(target).hasContent("fast");
        assertNoTemporaryFiles(target.getParent());
    }

    @ParameterizedTest
    @EnumSource(value = CopyMode.class, names = {"CREATE_NEW", "OVERWRITE"})
    @DisplayName("a body stream that fails midway leaves neither a target nor a temporary file")
    void failingStreamLeavesNothing(CopyMode mode) {
        Path target = dir.resolve("x.xml");
        InputStream failing = new InputStream() {
            private int served;

            @Override
            public int read() throws IOException {
                if (served++ >= 100_000) {
                    throw new IOException("MessageBox stream broke");
                }
                return 'x';
            }
        };

        assertThatThrownBy(() -> writer(true).write(target, failing, mode))
                .isInstanceOf(IOException.class)
                .hasMessage("MessageBox stream broke");

        assertThat(target).doesNotExist();
        assertNoTemporaryFiles(dir);
    }

    @Test
    @DisplayName("OVERWRITE whose body stream fails keeps the previous file whole")
    void failingOverwriteKeepsOriginal() throws Exception {
        Path target = dir.resolve("x.xml");
        Files.writeString(target, "original");
        InputStream failing = new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("broken");
            }
        };

        assertThatThrownBy(() -> writer(true).write(target, failing, CopyMode.OVERWRITE))
                .isInstanceOf(IOException.class);

        assertThat(target).hasContent("original");
        assertNoTemporaryFiles(dir);
    }

    @ParameterizedTest
    @ValueSource(ints = {200, 255})
    @DisplayName("a target name close to the 255-byte limit can be written (the temporary name must still fit)")
    void longFileName(int length) throws Exception {
        char[] name = new char[length];
        Arrays.fill(name, 'n');
        Path target = dir.resolve(new String(name));

        writer(true).write(target, body("long"), CopyMode.CREATE_NEW);

        assertThat(target).hasContent("long");
        assertNoTemporaryFiles(dir);
    }

    @Test
    @DisplayName("a target name of multi-byte characters near the limit can be written")
    void longMultiByteFileName() throws Exception {
        assumeTrue("UTF-8".equals(System.getProperty("sun.jnu.encoding")), "file names are not encoded in UTF-8 here");
        // 63 four-byte characters: 252 bytes, a valid name; a temporary name repeating it would not be
        Path target = dir.resolve("\uD83D\uDCE6".repeat(63));

        writer(false).write(target, body("parcel"), CopyMode.OVERWRITE);

        assertThat(target).hasContent("parcel");
        assertNoTemporaryFiles(dir);
    }

    @Test
    @DisplayName("two concurrent APPENDs to one file never interleave their bodies")
    void concurrentAppendsDoNotInterleave() throws Exception {
        Path target = dir.resolve("log.txt");
        AtomicFileWriter writer = writer(false);
        int chunk = 64 * 1024;
        CountDownLatch firstChunkWritten = new CountDownLatch(1);
        AtomicBoolean secondChunkWritten = new AtomicBoolean();
        AtomicReference<Thread> secondWriter = new AtomicReference<>();
        // The first body pauses after its first chunk until the second append has either written a chunk (no
        // mutual exclusion: the bodies interleave) or waits for a lock (the first append then finishes alone).
        // A stream is asked for its next chunk only after the previous one was written.
        InputStream first = new ChunkedStream('A', chunk, 2, () -> {
            firstChunkWritten.countDown();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!secondChunkWritten.get() && !isWaiting(secondWriter.get())) {
                if (System.nanoTime() > deadline) {
                    throw new IOException("the second append neither ran nor waited");
                }
                Thread.onSpinWait();
            }
        });
        InputStream second = new ChunkedStream('B', chunk, 2, () -> secondChunkWritten.set(true));

        CompletableFuture<Void> firstAppend = CompletableFuture.runAsync(() -> append(writer, target, first), threads);
        assertThat(firstChunkWritten.await(10, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<Void> secondAppend = CompletableFuture.runAsync(() -> {
            secondWriter.set(Thread.currentThread());
            append(writer, target, second);
        }, threads);
        firstAppend.get(20, TimeUnit.SECONDS);
        secondAppend.get(20, TimeUnit.SECONDS);

        assertThat(runs(Files.readString(target, UTF_8))).containsExactly("A x " + 2 * chunk, "B x " + 2 * chunk);
    }

    /** The content as runs of one character, e.g. [A x 3, B x 2] for AAABB. */
    private static List<String> runs(String content) {
        List<String> runs = new ArrayList<>();
        int start = 0;
        for (int i = 1; i <= content.length(); i++) {
            if (i == content.length() || content.charAt(i) != content.charAt(start)) {
                runs.add(content.charAt(start) + " x " + (i - start));
                start = i;
            }
        }
        return runs;
    }

    private static boolean isWaiting(Thread thread) {
        if (thread == null) {
            return false;
        }
        Thread.State state = thread.getState();
        return state == Thread.State.BLOCKED || state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING;
    }

    private static void append(AtomicFileWriter writer, Path target, InputStream data) {
        try {
            writer.write(target, data, CopyMode.APPEND);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A writer whose only allowed root is this test's directory. */
    private AtomicFileWriter writer(boolean forceToDisk) throws IOException {
        return new AtomicFileWriter(forceToDisk, List.of(AllowedRoot.resolve(dir)));
    }

    private static byte[] randomBytes(int length) {
        byte[] data = new byte[length];
        new Random(42).nextBytes(data);
        return data;
    }

    private static InputStream body(String text) {
        return new ByteArrayInputStream(text.getBytes(UTF_8));
    }

    static void assertNoTemporaryFiles(Path directory) {
        try (Stream<Path> files = Files.list(directory)) {
            List<String> temporaries = files.map(p -> p.getFileName().toString())
                    .filter(name -> name.startsWith(".") && name.endsWith(".tmp"))
                    .toList();
            assertThat(temporaries).as("temporary files left in %s", directory).isEmpty();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** Serves {@code chunks} chunks of one letter, running a hook before every chunk after the first. */
    private static final class ChunkedStream extends InputStream {
        private final byte letter;
        private final int chunkSize;
        private final int chunks;
        private final IoHook beforeLaterChunks;
        private int served;

        ChunkedStream(char letter, int chunkSize, int chunks, IoHook beforeLaterChunks) {
            this.letter = (byte) letter;
            this.chunkSize = chunkSize;
            this.chunks = chunks;
            this.beforeLaterChunks = beforeLaterChunks;
        }

        @Override
        public int read() {
            throw new UnsupportedOperationException("read in chunks");
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (served == chunks) {
                return -1;
            }
            if (served > 0) {
                beforeLaterChunks.run();
            }
            int n = Math.min(len, chunkSize);
            Arrays.fill(b, off, off + n, letter);
            if (n == chunkSize) {
                served++;
            }
            return n;
        }
    }

    @FunctionalInterface
    private interface IoHook {
        void run() throws IOException;
    }
}
