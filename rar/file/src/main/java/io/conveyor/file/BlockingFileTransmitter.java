package io.conveyor.file;

import io.conveyor.adapter.HandlerConfigurable;
import io.conveyor.adapter.Message;
import io.conveyor.adapter.PropertyBag;
import io.conveyor.adapter.TransportControl;
import io.conveyor.adapter.TransportProxy;
import io.conveyor.adapter.Transmitter;
import jakarta.resource.spi.work.WorkManager;
import java.time.Clock;

/**
 * FILE in {@link SendMode#BLOCKING} mode: a batch-unaware, synchronous adapter (the first row of send-adapter contract
 * §1.7 in {@code docs/send-adapter-contract.md}). Each message is written before {@link #transmitMessage} returns
 * {@code true}; a failure is thrown, and the engine retries, moves to the backup transport, or suspends. Initialising
 * it starts the removal of orphaned temporary files ({@link OrphanedTemporaryFileCleaner}) on the connector's
 * WorkManager, the only work it puts there.
 */
public final class BlockingFileTransmitter implements Transmitter, TransportControl, HandlerConfigurable {

    private final WorkManager workManager;
    private final Clock clock;
    private FileHandlerSettings settings;
    private FileDelivery delivery;

    public BlockingFileTransmitter(WorkManager workManager, Clock clock) {
        this.workManager = workManager;
        this.clock = clock;
    }

    @Override
    public void load(PropertyBag handlerConfiguration) {
        this.settings = FileHandlerSettings.from(handlerConfiguration);
        this.delivery = new FileDelivery(settings, clock);
    }

    @Override
    public void initialize(TransportProxy proxy) {
        if (settings == null) {
            throw new IllegalStateException("the FILE adapter was initialised without its handler configuration");
        }
        new OrphanedTemporaryFileCleaner(settings.configuredRoots(), clock.instant(), proxy::setErrorInfo)
                .startOn(workManager);
    }

    @Override
    public boolean transmitMessage(Message message) throws Exception {
        delivery.deliver(message);
        return true;
    }

    @Override
    public void terminate() {
        // every write finishes before transmitMessage returns: nothing is ever in flight
    }
}
