package io.conveyor.file;

import io.conveyor.adapter.BatchTransmitter;
import io.conveyor.adapter.HandlerConfigurable;
import io.conveyor.adapter.Message;
import io.conveyor.adapter.PropertyBag;
import io.conveyor.adapter.TransmitterBatch;
import io.conveyor.adapter.TransportControl;
import io.conveyor.adapter.TransportProxy;
import io.conveyor.kit.AsyncTransmitterBatch;
import io.conveyor.kit.InFlightCounter;
import io.conveyor.kit.OutcomeBatch;
import io.conveyor.kit.WorkQueue;
import jakarta.resource.spi.work.WorkManager;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * FILE in {@link SendMode#NON_BLOCKING} mode: a batch-aware, asynchronous adapter (send-adapter contract §1.7 in
 * {@code docs/send-adapter-contract.md}, the recommended variant). The engine fills an engine batch; at {@code done}
 * the batch is queued on the connector's WorkManager, which writes every file and reports all outcomes in one proxy
 * batch: deletes for the files written, resubmit or next transport for the failures ({@link OutcomeBatch}).
 * Initialising it starts the removal of orphaned temporary files ({@link OrphanedTemporaryFileCleaner}).
 */
public final class BatchingFileTransmitter implements BatchTransmitter, TransportControl, HandlerConfigurable {

    /** How long {@link #terminate()} waits for queued writes and their proxy batches. */
    static final Duration TERMINATE_DEADLINE = Duration.ofSeconds(60);

    private final WorkManager workManager;
    private final Clock clock;
    private final InFlightCounter inFlight = new InFlightCounter();
    private FileHandlerSettings settings;
    private FileDelivery delivery;
    private TransportProxy proxy;
    private WorkQueue workQueue;

    public BatchingFileTransmitter(WorkManager workManager, Clock clock) {
        this.workManager = workManager;
        this.clock = clock;
    }

    @Override
    public void load(PropertyBag handlerConfiguration) {
        this.settings = FileHandlerSettings.from(handlerConfiguration);
        this.delivery = new FileDelivery(settings, clock);
    }

    @Override
    public void initialize(TransportProxy transportProxy) {
        if (settings == null) {
            throw new IllegalStateException("the FILE adapter was initialised without its handler configuration");
        }
        this.proxy = transportProxy;
        this.workQueue = new WorkQueue(workManager, transportProxy::setErrorInfo);
        new OrphanedTemporaryFileCleaner(settings.configuredRoots(), clock.instant(), transportProxy::setErrorInfo)
                .startOn(workManager);
    }

    @Override
    public TransmitterBatch getBatch() {
        return new AsyncTransmitterBatch(inFlight, settings.batchSize(), batch -> workQueue.submit(() -> writeAll(batch)));
    }

    @Override
    public void terminate() {
        if (!inFlight.terminate(TERMINATE_DEADLINE)) {
            proxy.setErrorInfo(new IllegalStateException("FILE adapter terminated with " + inFlight.count()
                    + " message(s) still in flight after " + TERMINATE_DEADLINE + "; they will be delivered again"));
        }
    }

    /**
     * Writes a batch's files in three passes, so that it opens each directory once per pass and forces it once, instead
     * of once per file: every body to a forced temporary file, every temporary file into place, then each directory
     * involved. A file counts
     * as written, and its message as delivered, only after its directory was forced; a failure at any pass fails
     * only the messages it concerns.
     */
    private void writeAll(List<Message> messages) {
        Map<Message, Exception> failures = new HashMap<>();
        Map<Message, AtomicFileWriter.Staged> placed = new LinkedHashMap<>();
        try (OpenDirectories directories = delivery.writer().forStaging()) {
            for (Message message : messages) {
                try {
                    placed.put(message, delivery.stage(message, directories));
                } catch (Exception e) {
                    failures.put(message, e);
                }
            }
        }
        try (OpenDirectories directories = delivery.writer().forPlacing()) {
            Iterator<Map.Entry<Message, AtomicFileWriter.Staged>> staged = placed.entrySet().iterator();
            while (staged.hasNext()) {
                Map.Entry<Message, AtomicFileWriter.Staged> next = staged.next();
                try {
                    delivery.writer().place(next.getValue(), directories);
                } catch (IOException e) {
                    failures.put(next.getKey(), e);
                    staged.remove();
                }
            }
        }
        Map<Path, IOException> unforced = forceDirectories(placed.values());
        placed.forEach((message, file) -> file.directories().stream().map(unforced::get).filter(Objects::nonNull)
                .findFirst().ifPresent(failure -> failures.put(message, failure)));
        OutcomeBatch outcomes = new OutcomeBatch(proxy, inFlight, clock);
        for (Message message : messages) {
            Exception failure = failures.get(message);
            if (failure == null) {
                outcomes.delivered(message);
            } else {
                outcomes.failed(message, failure);
            }
        }
        outcomes.send();
    }

    /** Forces each directory of the placed files once; returns those that failed, with why. */
    private Map<Path, IOException> forceDirectories(Collection<AtomicFileWriter.Staged> files) {
        Map<Path, IOException> failed = new HashMap<>();
        Set<Path> directories = new LinkedHashSet<>();
        files.forEach(file -> directories.addAll(file.directories()));
        for (Path directory : directories) {
            try {
                delivery.writer().forceDirectories(List.of(directory));
            } catch (IOException e) {
                failed.put(directory, e);
            }
        }
        return failed;
    }
}
