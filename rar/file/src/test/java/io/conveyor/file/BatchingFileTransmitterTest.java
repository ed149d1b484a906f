package io.conveyor.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.conveyor.adapter.MapPropertyBag;
import io.conveyor.adapter.Message;
import io.conveyor.adapter.PropertyBag;
import io.conveyor.adapter.StatusCode;
import io.conveyor.adapter.TransmitterBatch;
import io.conveyor.kit.testing.ExecutorWorkManager;
import io.conveyor.kit.testing.RecordedBatch;
import io.conveyor.kit.testing.RecordingProxy;
import io.conveyor.kit.testing.RefusingWorkManager;
import io.conveyor.kit.testing.TestMessage;
import jakarta.resource.spi.work.WorkException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The NON_BLOCKING adapter driven through the SPI as the engine drives it. The engine side is played by the
 * adapter kit's test doubles ({@code io.conveyor.kit.testing}).
 */
class BatchingFileTransmitterTest {

    static final Instant NOW = Instant.parse("2024-03-05T07:08:09Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final long WAIT_SECONDS = 10;

    @TempDir
    Path root;

    private final ExecutorService workThreads = Executors.newCachedThreadPool();
    private final ExecutorService testThreads = Executors.newCachedThreadPool();
    private BatchingFileTransmitter adapter;

    @BeforeEach
    void createAdapter() {
        adapter = new BatchingFileTransmitter(new ExecutorWorkManager(workThreads), CLOCK);
    }

    @AfterEach
    void stopThreads() {
        workThreads.shutdownNow();
        testThreads.shutdownNow();
    }

    @Test
    @DisplayName("every message is accepted with false; after done the files exist and their deletes come in one proxy batch")
    void writesAndDeletesInOneProxyBatch() throws Exception {
        RecordingProxy proxy = start(RecordingProxy.acknowledging(), 7);
        TestMessage m1 = message("m1", "/a/%MessageID%.xml", "<one/>");
        TestMessage m2 = message("m2", "/a/%MessageID%.xml", "<two/>");
        TestMessage m3 = message("m3", "/b/fixed.txt", "three");

        TransmitterBatch batch = adapter.getBatch();
        assertThat(batch.beginBatch().maxBatchSize()).isEqualTo(7);
        assertThat(batch.beginBatch().isTransactional()).isFalse();
        assertThat(batch.transmitMessage(m1)).isFalse();
        assertThat(batch.transmitMessage(m2)).isFalse();
        assertThat(batch.transmitMessage(m3)).isFalse();
        batch.done(null);

        RecordedBatch outcome = proxy.next();
        assertThat(outcome.describe()).containsExactly("DELETE m1", "DELETE m2", "DELETE m3");
        assertThat(root.resolve("a/m1.xml")).hasContent("<one/>");
        assertThat(root.resolve("a/m2.xml")).hasContent("<two/>");
        assertThat(root.resolve("b/fixed.txt")).hasContent("three");
        terminateWithin(Duration.ofSeconds(WAIT_SECONDS));
        proxy.assertNoMoreBatches();
        assertThat(proxy.errors).isEmpty();
    }

    @Test
    @DisplayName("each engine batch is a new object (B1)")
    void newBatchEachTime() {
        start(RecordingProxy.acknowledging(), 20);

        assertThat(adapter.getBatch()).isNotSameAs(adapter.getBatch());
    }

    @Test
    @DisplayName("failures share the proxy batch with the deletes: resubmit at now + RetryInterval while retries remain, else next transport")
    void failuresAreResubmittedOrMoved() throws Exception {
        RecordingProxy proxy = start(RecordingProxy.acknowledging(), 20);
        Files.writeString(root.resolve("taken-1.xml"), "first owner");
        Files.writeString(root.resolve("taken-2.xml"), "second owner");
        TestMessage ok = message("ok", "/ok.xml", "fine");
        TestMessage retried = message("retried", "/taken-1.xml", "loser").retries(3, 5);
        TestMessage moved = message("moved", "/taken-2.xml", "loser").retries(0, 5);

        send(ok, retried, moved);

        RecordedBatch outcome = proxy.next();
        assertThat(outcome.describe()).containsExactly("DELETE ok", "RESUBMIT retried", "MOVE_TO_NEXT_TRANSPORT moved");
        assertThat(outcome.operations.get(1).deliverAt()).isEqualTo(NOW.plus(Duration.ofMinutes(5)));
        assertThat(retried.errorInfo()).isInstanceOf(FileAlreadyExistsException.class);
        assertThat(moved.errorInfo()).isInstanceOf(FileAlreadyExistsException.class);
        assertThat(ok.errorInfo()).isNull();
        assertThat(root.resolve("ok.xml")).hasContent("fine");
        assertThat(root.resolve("taken-1.xml")).hasContent("first owner");
        assertThat(root.resolve("taken-2.xml")).hasContent("second owner");
        AtomicFileWriterTest.assertNoTemporaryFiles(root);
        terminateWithin(Duration.ofSeconds(WAIT_SECONDS));
        proxy.assertNoMoreBatches();
    }

    @Test
    @DisplayName("a message whose file already holds exactly its body (delivered again after a crash) is deleted; other bytes still fail")
    void identicalExistingFileIsDelivered() throws Exception {
        RecordingProxy proxy = start(RecordingProxy.acknowledging(), 20);
        Files.writeString(root.resolve("again.xml"), "<order/>");
        Files.writeString(root.resolve("taken.xml"), "<other/>");
        TestMessage again = message("again", "/again.xml", "<order/>");
        TestMessage clash = message("clash", "/taken.xml", "<order/>");

        send(again, clash);

        assertThat(proxy.next().describe()).containsExactly("DELETE again", "RESUBMIT clash");
        assertThat(again.errorInfo()).isNull();
        assertThat(clash.errorInfo()).isInstanceOf(FileAlreadyExistsException.class);
        assertThat(root.resolve("again.xml")).hasContent("<order/>");
        assertThat(root.resolve("taken.xml")).hasContent("<other/>");
        AtomicFileWriterTest.assertNoTemporaryFiles(root);
        terminateWithin(Duration.ofSeconds(WAIT_SECONDS));
        proxy.assertNoMoreBatches();
    }

    @Test
    @DisplayName("an address outside the allowed roots fails the message through the proxy batch; nothing is written")
    void addressOutsideRootsFails(@TempDir Path elsewhere) throws Exception {
        RecordingProxy proxy = start(RecordingProxy.acknowledging(), 20);
        TestMessage stray = new TestMessage("stray", "x").address(elsewhere.resolve("x.xml").toString()).retries(2, 1);

        send(stray);

        assertThat(proxy.next().describe()).containsExactly("RESUBMIT stray");
        assertThat(stray.errorInfo()).hasMessageContaining("outside the allowed roots");
        assertThat(elsewhere.resolve("x.xml")).doesNotExist();
    }

    @Test
    @DisplayName("the copy mode comes from context property copyMode in the FILE namespace: APPEND in batch order, OVERWRITE")
    void copyModeFromContext() throws Exception {
        RecordingProxy proxy = start(RecordingProxy.acknowledging(), 20);
        Files.writeString(root.resolve("replace.txt"), "old");
        TestMessage first = message("first", "/log.txt", "one\n")
                .with(FileResourceAdapter.COPY_MODE, FileResourceAdapter.NAMESPACE, "APPEND");
        TestMessage second = message("second", "/log.txt", "two\n")
                .with(FileResourceAdapter.COPY_MODE, FileResourceAdapter.NAMESPACE, "append");
        TestMessage replace = message("replace", "/replace.txt", "new")
                .with(FileResourceAdapter.COPY_MODE, FileResourceAdapter.NAMESPACE, "OVERWRITE");

        send(first, second, replace);

        assertThat(proxy.next().describe()).containsExactly("DELETE first", "DELETE second", "DELETE replace");
        assertThat(root.resolve("log.txt")).hasContent("one\ntwo\n");
        assertThat(root.resolve("replace.txt")).hasContent("new");
    }

    @Test
    @DisplayName("a failed proxy batch: innocent operations are issued again, guilty ones escalate resubmit -> next transport -> suspend")
    void failedProxyBatchIsRetriedAndEscalated() throws Exception {
        RecordingProxy proxy = start(RecordingProxy.manual(), 20);
        Files.writeString(root.resolve("taken-1.xml"), "x");
        Files.writeString(root.resolve("taken-2.xml"), "x");
        TestMessage ok = message("ok", "/ok.xml", "fine");
        TestMessage retried = message("retried", "/taken-1.xml", "y").retries(3, 5);
        TestMessage moved = message("moved", "/taken-2.xml", "y").retries(0, 5);
        send(ok, retried, moved);

        RecordedBatch first = proxy.next();
        assertThat(first.describe()).containsExactly("DELETE ok", "RESUBMIT retried", "MOVE_TO_NEXT_TRANSPORT moved");
        first.fail(Map.of(retried, StatusCode.RETRIES_EXHAUSTED, moved, StatusCode.NO_BACKUP_TRANSPORT));

        RecordedBatch second = proxy.next();
        assertThat(second.describe())
                .containsExactly("DELETE ok", "MOVE_TO_NEXT_TRANSPORT retried", "MOVE_TO_SUSPEND_Q moved");
        second.fail(Map.of(retried, StatusCode.NO_BACKUP_TRANSPORT));

        RecordedBatch third = proxy.next();
        assertThat(third.describe()).containsExactly("DELETE ok", "MOVE_TO_SUSPEND_Q retried", "MOVE_TO_SUSPEND_Q moved");
        third.acknowledge();

        terminateWithin(Duration.ofSeconds(WAIT_SECONDS));
        proxy.assertNoMoreBatches();
        assertThat(retried.errorInfo()).isInstanceOf(FileAlreadyExistsException.class);
    }

    @Test
    @DisplayName("a delete that fails on its own is reported to the proxy and not retried")
    void failedDeleteIsReported() throws Exception {
        RecordingProxy proxy = start(RecordingProxy.manual(), 20);
        TestMessage ok = message("ok", "/ok.xml", "fine");
        send(ok);

        proxy.next().fail(Map.of(ok, StatusCode.LEASE_LOST));

        terminateWithin(Duration.ofSeconds(WAIT_SECONDS));
        proxy.assertNoMoreBatches();
        assertThat(proxy.errors).singleElement().satisfies(e -> assertThat(e).hasMessageContaining("LEASE_LOST"));
    }

    @Test
    @DisplayName("terminate returns only after every accepted message's proxy batch was acknowledged")
    void terminateWaitsForAcknowledgement() throws Exception {
        RecordingProxy proxy = start(RecordingProxy.manual(), 20);
        send(message("m1", "/m1.xml", "1"), message("m2", "/m2.xml", "2"));
        RecordedBatch outcome = proxy.next();

        CompletableFuture<Void> terminated = CompletableFuture.runAsync(adapter::terminate, testThreads);
        awaitTrue(this::refusesNewMessages, "terminate to begin");
        assertStillRunning(terminated, "terminate while a proxy batch is unacknowledged");

        // the engine rejects the batch as a whole: the kit issues it again, and terminate keeps waiting
        outcome.fail(Map.of());
        RecordedBatch again = proxy.next();
        assertThat(again.describe()).containsExactly("DELETE m1", "DELETE m2");
        assertStillRunning(terminated, "terminate while the reissued batch is unacknowledged");

        again.acknowledge();
        terminated.get(WAIT_SECONDS, TimeUnit.SECONDS);
        proxy.assertNoMoreBatches();
        assertThat(proxy.errors).isEmpty();
    }

    @Test
    @DisplayName("after terminate, new messages are refused")
    void refusesMessagesAfterTerminate() throws Exception {
        start(RecordingProxy.acknowledging(), 20);
        terminateWithin(Duration.ofSeconds(WAIT_SECONDS));

        TransmitterBatch batch = adapter.getBatch();
        batch.beginBatch();
        assertThatThrownBy(() -> batch.transmitMessage(message("late", "/late.xml", "x")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("terminating");
        batch.clear();
    }

    @Test
    @DisplayName("a cleared engine batch writes nothing and holds nothing in flight")
    void clearedBatchReleasesMessages() throws Exception {
        RecordingProxy proxy = start(RecordingProxy.manual(), 20);

        TransmitterBatch batch = adapter.getBatch();
        batch.beginBatch();
        batch.transmitMessage(message("m1", "/m1.xml", "1"));
        batch.transmitMessage(message("m2", "/m2.xml", "2"));
        batch.clear();

        terminateWithin(Duration.ofSeconds(WAIT_SECONDS));
        assertThat(root.resolve("m1.xml")).doesNotExist();
        proxy.assertNoMoreBatches();
    }

    @Test
    @DisplayName("when the WorkManager refuses the work, done throws and terminate does not wait for those messages")
    void refusedWorkIsThrownFromDone() throws Exception {
        adapter = new BatchingFileTransmitter(new RefusingWorkManager(), CLOCK);
        RecordingProxy proxy = start(RecordingProxy.manual(), 20);

        TransmitterBatch batch = adapter.getBatch();
        batch.beginBatch();
        batch.transmitMessage(message("m1", "/m1.xml", "1"));
        assertThatThrownBy(() -> batch.done(null)).isInstanceOf(WorkException.class);

        terminateWithin(Duration.ofSeconds(WAIT_SECONDS));
        assertThat(root.resolve("m1.xml")).doesNotExist();
        proxy.assertNoMoreBatches();
    }

    @Test
    @DisplayName("when the engine is shutting down and takes no proxy batch, the messages are abandoned and terminate does not hang")
    void engineShuttingDown() throws Exception {
        RecordingProxy proxy = start(RecordingProxy.shuttingDown(), 20);
        CompletableFuture<Void> reported = proxy.firstError;

        send(message("m1", "/m1.xml", "1"));

        assertThat(reported.get(WAIT_SECONDS, TimeUnit.SECONDS)).isNull();
        terminateWithin(Duration.ofSeconds(WAIT_SECONDS));
        assertThat(proxy.errors).singleElement().satisfies(e -> assertThat(e).hasMessageContaining("deliver them again"));
    }

    @Test
    @DisplayName("initialize before load is refused")
    void initializeNeedsConfiguration() {
        assertThatThrownBy(() -> adapter.initialize(RecordingProxy.acknowledging()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("handler configuration");
    }

    @Test
    @DisplayName("load refuses an invalid handler configuration, naming the property")
    void loadValidates() {
        assertThatThrownBy(() -> adapter.load(MapPropertyBag.readOnly(Map.of("allowedRoots", root.toString(),
                "batchSize", 5000))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("batchSize:");
    }

    // --- helpers

    private RecordingProxy start(RecordingProxy proxy, int batchSize) {
        adapter.load(handlerConfiguration(root, batchSize));
        adapter.initialize(proxy);
        return proxy;
    }

    static PropertyBag handlerConfiguration(Path root, int batchSize) {
        return MapPropertyBag.readOnly(Map.of("allowedRoots", root.toString(), "batchSize", batchSize,
                "forceToDisk", Boolean.TRUE));
    }

    private TestMessage message(String id, String relativeAddress, String body) {
        return new TestMessage(id, body).address("file://" + root + relativeAddress);
    }

    private void send(Message... messages) throws Exception {
        TransmitterBatch batch = adapter.getBatch();
        batch.beginBatch();
        for (Message message : messages) {
            assertThat(batch.transmitMessage(message)).isFalse();
        }
        batch.done(null);
    }

    private void terminateWithin(Duration limit) throws Exception {
        CompletableFuture.runAsync(adapter::terminate, testThreads).get(limit.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Whether a fresh engine batch refuses a message, the sign that terminate has begun. */
    private boolean refusesNewMessages() {
        TransmitterBatch probe = adapter.getBatch();
        try {
            probe.transmitMessage(new TestMessage("probe", ""));
            return false;
        } catch (IllegalStateException e) {
            return true;
        } catch (Exception e) {
            throw new AssertionError(e);
        } finally {
            probe.clear();
        }
    }

    /** The future does not complete within a short grace period (a bounded wait, not a sleep). */
    private static void assertStillRunning(CompletableFuture<?> future, String what) {
        assertThatThrownBy(() -> future.get(200, TimeUnit.MILLISECONDS)).as(what).isInstanceOf(TimeoutException.class);
    }

    static void awaitTrue(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.onSpinWait();
        }
    }
}
