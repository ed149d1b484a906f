package io.conveyor.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.conveyor.adapter.InvalidEndpointException;
import io.conveyor.adapter.MapPropertyBag;
import io.conveyor.adapter.MessagePart;
import io.conveyor.adapter.SystemProperties;
import io.conveyor.kit.testing.ExecutorWorkManager;
import io.conveyor.kit.testing.RecordingProxy;
import io.conveyor.kit.testing.TestMessage;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The BLOCKING adapter driven through the SPI as the engine drives it. */
class BlockingFileTransmitterTest {

    @TempDir
    Path root;

    private final RecordingProxy proxy = RecordingProxy.manual();
    private final ExecutorService workThreads = Executors.newCachedThreadPool();
    private final ExecutorWorkManager workManager = new ExecutorWorkManager(workThreads);
    private BlockingFileTransmitter adapter;

    @BeforeEach
    void start() {
        adapter = new BlockingFileTransmitter(workManager, BatchingFileTransmitterTest.CLOCK);
        adapter.load(BatchingFileTransmitterTest.handlerConfiguration(root, 20));
        adapter.initialize(proxy);
    }

    @AfterEach
    void stopThreads() {
        workThreads.shutdownNow();
    }

    @Test
    @DisplayName("transmitMessage writes the file named by OutboundTransportLocation and returns true")
    void writesAndReturnsTrue() throws Exception {
        TestMessage message = new TestMessage("m-1", "<order/>").address("file://" + root + "/out/%MessageID%.xml");

        assertThat(adapter.transmitMessage(message)).isTrue();

        assertThat(root.resolve("out/m-1.xml")).hasContent("<order/>");
        AtomicFileWriterTest.assertNoTemporaryFiles(root.resolve("out"));
        proxy.assertNoMoreBatches();
    }

    @Test
    @DisplayName("a bare absolute path works as the address too")
    void bareAddress() throws Exception {
        TestMessage message = new TestMessage("m-1", "x").address(root + "/x.txt");

        assertThat(adapter.transmitMessage(message)).isTrue();

        assertThat(root.resolve("x.txt")).hasContent("x");
    }

    @Test
    @DisplayName("time macros use the adapter's clock")
    void timeMacrosUseClock() throws Exception {
        TestMessage message = new TestMessage("m-1", "x").address(root + "/%datetime%-%datetime_bts2000%.txt");

        adapter.transmitMessage(message);

        assertThat(root.resolve("2024-03-05T070809-20240305070809000.txt")).hasContent("x");
    }

    @Test
    @DisplayName("CREATE_NEW (the default) onto an existing file throws and leaves the file untouched")
    void createNewOntoExistingThrows() throws Exception {
        Files.writeString(root.resolve("taken.xml"), "first");
        TestMessage message = new TestMessage("m-2", "second").address(root + "/taken.xml");

        assertThatThrownBy(() -> adapter.transmitMessage(message)).isInstanceOf(FileAlreadyExistsException.class);

        assertThat(root.resolve("taken.xml")).hasContent("first");
        AtomicFileWriterTest.assertNoTemporaryFiles(root);
    }

    @Test
    @DisplayName("CREATE_NEW onto a file holding exactly the body (the message delivered again after a crash) returns true")
    void createNewOntoIdenticalFileIsDelivered() throws Exception {
        Files.writeString(root.resolve("m-2.xml"), "<order/>");
        TestMessage message = new TestMessage("m-2", "<order/>").address(root + "/%MessageID%.xml");

        assertThat(adapter.transmitMessage(message)).isTrue();

        assertThat(root.resolve("m-2.xml")).hasContent("<order/>");
        AtomicFileWriterTest.assertNoTemporaryFiles(root);
    }

    @Test
    @DisplayName("copyMode CREATE_NEW given explicitly behaves as the default")
    void explicitCreateNew() throws Exception {
        Files.writeString(root.resolve("taken.xml"), "first");
        TestMessage message = new TestMessage("m-2", "second").address(root + "/taken.xml")
                .with(FileResourceAdapter.COPY_MODE, FileResourceAdapter.NAMESPACE, "create_new");

        assertThatThrownBy(() -> adapter.transmitMessage(message)).isInstanceOf(FileAlreadyExistsException.class);
    }

    @Test
    @DisplayName("copyMode OVERWRITE (any case) in the FILE namespace replaces the file")
    void overwrite() throws Exception {
        Files.writeString(root.resolve("taken.xml"), "first");
        TestMessage message = new TestMessage("m-2", "second").address(root + "/taken.xml")
                .with(FileResourceAdapter.COPY_MODE, FileResourceAdapter.NAMESPACE, " overwrite ");

        assertThat(adapter.transmitMessage(message)).isTrue();

        assertThat(root.resolve("taken.xml")).hasContent("second");
    }

    @Test
    @DisplayName("copyMode in another namespace is ignored: the default CREATE_NEW applies")
    void copyModeNeedsFileNamespace() throws Exception {
        Files.writeString(root.resolve("taken.xml"), "first");
        TestMessage message = new TestMessage("m-2", "second").address(root + "/taken.xml")
                .with(FileResourceAdapter.COPY_MODE, SystemProperties.NAMESPACE, "OVERWRITE");

        assertThatThrownBy(() -> adapter.transmitMessage(message)).isInstanceOf(FileAlreadyExistsException.class);
    }

    @Test
    @DisplayName("copyMode APPEND appends each message to the file")
    void append() throws Exception {
        adapter.transmitMessage(new TestMessage("a", "one\n").address(root + "/log.txt")
                .with(FileResourceAdapter.COPY_MODE, FileResourceAdapter.NAMESPACE, "APPEND"));
        adapter.transmitMessage(new TestMessage("b", "two\n").address(root + "/log.txt")
                .with(FileResourceAdapter.COPY_MODE, FileResourceAdapter.NAMESPACE, "APPEND"));

        assertThat(root.resolve("log.txt")).hasContent("one\ntwo\n");
    }

    @Test
    @DisplayName("an unknown copyMode is refused with field copyMode, and nothing is written")
    void unknownCopyMode() {
        TestMessage message = new TestMessage("m", "x").address(root + "/x.txt")
                .with(FileResourceAdapter.COPY_MODE, FileResourceAdapter.NAMESPACE, "MERGE");

        assertThatThrownBy(() -> adapter.transmitMessage(message))
                .isInstanceOfSatisfying(InvalidEndpointException.class, e -> {
                    assertThat(e.field()).isEqualTo("copyMode");
                    assertThat(e).hasMessageContaining("'MERGE'").hasMessageContaining("CREATE_NEW, OVERWRITE, APPEND");
                });
        assertThat(root.resolve("x.txt")).doesNotExist();
    }

    @Test
    @DisplayName("an address outside the allowed roots is refused with field address, and nothing is written")
    void outsideRoots(@TempDir Path elsewhere) {
        TestMessage message = new TestMessage("m", "x").address(elsewhere + "/x.txt");

        assertThatThrownBy(() -> adapter.transmitMessage(message))
                .isInstanceOfSatisfying(InvalidEndpointException.class, e -> assertThat(e.field()).isEqualTo("address"));
        assertThat(elsewhere.resolve("x.txt")).doesNotExist();
    }

    @Test
    @DisplayName("a message without OutboundTransportLocation is refused with field address")
    void missingAddress() {
        TestMessage message = new TestMessage("m", "x");

        assertThatThrownBy(() -> adapter.transmitMessage(message))
                .isInstanceOfSatisfying(InvalidEndpointException.class, e -> {
                    assertThat(e.field()).isEqualTo("address");
                    assertThat(e).hasMessage("address is required");
                });
    }

    @Test
    @DisplayName("a message without a body part is refused and no file is created")
    void missingBody() {
        TestMessage message = new TestMessage("m", (MessagePart) null).address(root + "/x.txt");

        assertThatThrownBy(() -> adapter.transmitMessage(message))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("no body part");
        assertThat(root.resolve("x.txt")).doesNotExist();
    }

    @Test
    @DisplayName("%SourceFileName% is the last segment of ReceivedFileName in the FILE namespace")
    void sourceFileName() throws Exception {
        TestMessage message = new TestMessage("m", "x").address(root + "/copy-of-%SourceFileName%")
                .with(FileResourceAdapter.RECEIVED_FILE_NAME, FileResourceAdapter.NAMESPACE, "/inbox/2024/order.xml");

        adapter.transmitMessage(message);

        assertThat(root.resolve("copy-of-order.xml")).hasContent("x");
    }

    @Test
    @DisplayName("%SourceFileName% without ReceivedFileName is the message identity")
    void sourceFileNameFallsBackToMessageId() throws Exception {
        adapter.transmitMessage(new TestMessage("m-7", "x").address(root + "/%SourceFileName%.out"));

        assertThat(root.resolve("m-7.out")).hasContent("x");
    }

    @Test
    @DisplayName("a ReceivedFileName with no file name in it ('/') falls back to the message identity")
    void sourceFileNameOfRootFallsBack() throws Exception {
        TestMessage message = new TestMessage("m-8", "x").address(root + "/%SourceFileName%.out")
                .with(FileResourceAdapter.RECEIVED_FILE_NAME, FileResourceAdapter.NAMESPACE, "/");

        assertThat(adapter.transmitMessage(message)).isTrue();

        assertThat(root.resolve("m-8.out")).hasContent("x");
    }

    @Test
    @DisplayName("terminate returns at once: nothing is ever in flight")
    void terminateReturns() {
        adapter.terminate();

        proxy.assertNoMoreBatches();
    }

    @Test
    @DisplayName("initialize before load is refused")
    void initializeNeedsConfiguration() {
        BlockingFileTransmitter fresh = new BlockingFileTransmitter(workManager, BatchingFileTransmitterTest.CLOCK);

        assertThatThrownBy(() -> fresh.initialize(proxy))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("handler configuration");
    }

    @Test
    @DisplayName("load refuses an invalid handler configuration, naming the property")
    void loadValidates() {
        BlockingFileTransmitter fresh = new BlockingFileTransmitter(workManager, BatchingFileTransmitterTest.CLOCK);

        assertThatThrownBy(() -> fresh.load(MapPropertyBag.readOnly(Map.of("allowedRoots", "relative"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("allowedRoots:");
    }
}
