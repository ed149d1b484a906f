package io.conveyor.file;

import io.conveyor.adapter.HandlerConfigurable;
import io.conveyor.adapter.Message;
import io.conveyor.adapter.PropertyBag;
import io.conveyor.adapter.TransportControl;
import io.conveyor.adapter.TransportProxy;
import io.conveyor.adapter.Transmitter;
import java.time.Clock;

/**
 * FILE in {@link SendMode#BLOCKING} mode: a batch-unaware, synchronous adapter (contract §1.7 first row). Each
 * message is written before {@link #transmitMessage} returns {@code true}; a failure is thrown, and the engine
 * retries, moves to the backup transport, or suspends.
 */
public final class BlockingFileTransmitter implements Transmitter, TransportControl, HandlerConfigurable {

    private final Clock clock;
    private FileDelivery delivery;

    public BlockingFileTransmitter(Clock clock) {
        this.clock = clock;
    }

    @Override
    public void load(PropertyBag handlerConfiguration) {
        this.delivery = new FileDelivery(FileHandlerSettings.from(handlerConfiguration), clock);
    }

    @Override
    public void initialize(TransportProxy proxy) {
        if (delivery == null) {
            throw new IllegalStateException("the FILE adapter was initialised without its handler configuration");
        }
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
