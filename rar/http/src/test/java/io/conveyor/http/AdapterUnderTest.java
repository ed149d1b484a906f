package io.conveyor.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.conveyor.adapter.MapPropertyBag;
import io.conveyor.adapter.Message;
import io.conveyor.adapter.SystemProperties;
import io.conveyor.adapter.TransmitterBatch;
import io.conveyor.kit.testing.ExecutorWorkManager;
import io.conveyor.kit.testing.RecordingProxy;
import io.conveyor.kit.testing.TestMessage;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;

/**
 * An {@link HttpTransmitter} driven as the engine drives it: loaded with handler properties, initialised with a
 * {@link RecordingProxy}, its client running on an executor-backed WorkManager, its spool in a test directory.
 */
final class AdapterUnderTest implements AutoCloseable {

    final RecordingProxy proxy;
    final Path spoolDirectory;
    private final ExecutorService workThreads = Executors.newCachedThreadPool();
    private final HttpTransmitter transmitter;

    /** Starts the adapter with the given handler properties over two defaults of its own: 2 s timeouts. */
    AdapterUnderTest(Path spoolDirectory, RecordingProxy proxy, Map<String, Object> handlerProperties) throws Exception {
        this.proxy = proxy;
        this.spoolDirectory = spoolDirectory;
        Map<String, Object> properties = new HashMap<>(Map.of("connectTimeoutSeconds", 2, "requestTimeoutSeconds", 2));
        properties.putAll(handlerProperties);
        transmitter = new HttpTransmitter(new ExecutorWorkManager(workThreads), Clock.systemUTC(), spoolDirectory);
        transmitter.load(MapPropertyBag.readOnly(properties));
        transmitter.initialize(proxy);
    }

    /** A message for a one-way port sending to the address. */
    static TestMessage oneWay(String id, URI address, String body) {
        return new TestMessage(id, body).address(address.toString());
    }

    /** A message for a two-way (solicit-response) port sending to the address. */
    static TestMessage twoWay(String id, URI address, String body) {
        return oneWay(id, address, body).with(SystemProperties.IS_SOLICIT_RESPONSE, SystemProperties.NAMESPACE, true);
    }

    /** Hands the messages to the adapter in one engine batch, as the engine does. */
    void send(Message... messages) throws Exception {
        TransmitterBatch batch = transmitter.getBatch();
        batch.beginBatch();
        for (Message message : messages) {
            assertThat(batch.transmitMessage(message)).isFalse();
        }
        batch.done(null);
    }

    /** The files in the spool directory. */
    List<Path> spooledFiles() throws IOException {
        try (Stream<Path> files = Files.list(spoolDirectory)) {
            return files.toList();
        }
    }

    @Override
    public void close() {
        transmitter.terminate();
        workThreads.shutdownNow();
    }
}
