package io.conveyor.file;

import static io.conveyor.file.OrphanedTemporaryFileCleanerTest.OTHER_UUID;
import static io.conveyor.file.OrphanedTemporaryFileCleanerTest.UUID;
import static io.conveyor.file.OrphanedTemporaryFileCleanerTest.file;
import static org.assertj.core.api.Assertions.assertThat;

import io.conveyor.adapter.HandlerConfigurable;
import io.conveyor.adapter.TransportControl;
import io.conveyor.kit.testing.ExecutorWorkManager;
import io.conveyor.kit.testing.RecordingProxy;
import io.conveyor.kit.testing.RefusingWorkManager;
import jakarta.resource.spi.work.WorkManager;
import jakarta.resource.spi.work.WorkRejectedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Both modes, created as the connector creates them, remove orphaned temporary files when initialised. */
class CleanupOnInitializeTest {

    @TempDir
    Path root;
    @TempDir
    Path elsewhere;

    /** The WorkManager's only thread: a task queued behind the cleanup runs once the cleanup has finished. */
    private final ExecutorService workThread = Executors.newSingleThreadExecutor();
    private final RecordingProxy proxy = RecordingProxy.manual();

    @AfterEach
    void stopThreads() {
        workThread.shutdownNow();
    }

    @ParameterizedTest
    @EnumSource(SendMode.class)
    @DisplayName("initialize returns without searching; the WorkManager then removes old temporary files and keeps a fresh one")
    void removesOrphansOnTheWorkManager(SendMode mode) throws Exception {
        Path orphan = file(root.resolve("a/b/.order.xml." + UUID + ".tmp"), Instant.now().minus(Duration.ofHours(1)));
        Path fresh = file(root.resolve("a/.order.xml." + OTHER_UUID + ".tmp"), Instant.now().plus(Duration.ofMinutes(1)));
        CountDownLatch workThreadHeld = new CountDownLatch(1);
        workThread.execute(() -> awaitQuietly(workThreadHeld));

        initialize(mode, root.toString(), new ExecutorWorkManager(workThread));

        assertThat(orphan).exists();
        workThreadHeld.countDown();
        awaitWorkManager();
        assertThat(orphan).doesNotExist();
        assertThat(fresh).exists();
        assertThat(proxy.errors).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(SendMode.class)
    @DisplayName("a missing root and one that cannot be searched do not fail initialize; the latter is reported to the proxy")
    void badRootsDoNotFailInitialize(SendMode mode) throws Exception {
        Path orphan = file(root.resolve(".order.xml." + UUID + ".tmp"), Instant.now().minus(Duration.ofHours(1)));
        Path loop = Files.createSymbolicLink(elsewhere.resolve("loop"), elsewhere.resolve("loop"));

        initialize(mode, root.resolve("missing") + "," + loop + "," + root, new ExecutorWorkManager(workThread));

        awaitWorkManager();
        assertThat(orphan).doesNotExist();
        assertThat(proxy.errors).singleElement().satisfies(e -> assertThat(e).hasMessageContaining(loop.toString()));
    }

    @ParameterizedTest
    @EnumSource(SendMode.class)
    @DisplayName("a WorkManager that refuses the search does not fail initialize; the refusal is reported to the proxy")
    void refusedWorkDoesNotFailInitialize(SendMode mode) throws Exception {
        initialize(mode, root.toString(), new RefusingWorkManager());

        assertThat(proxy.errors).singleElement()
                .satisfies(e -> assertThat(e).hasCauseInstanceOf(WorkRejectedException.class));
    }

    private void initialize(SendMode mode, String allowedRoots, WorkManager workManager) throws Exception {
        FileResourceAdapter connector = new FileResourceAdapter();
        connector.setMode(mode.name());
        connector.setAllowedRoots(allowedRoots);
        Object adapter = connector.createAdapter(workManager);
        ((HandlerConfigurable) adapter).load(connector.handlerConfiguration());
        ((TransportControl) adapter).initialize(proxy);
    }

    /** Waits until everything queued on the WorkManager so far has run. */
    private void awaitWorkManager() throws Exception {
        workThread.submit(() -> null).get(10, TimeUnit.SECONDS);
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
