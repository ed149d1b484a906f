package io.conveyor.http;

import static io.conveyor.http.AdapterUnderTest.oneWay;
import static io.conveyor.http.AdapterUnderTest.twoWay;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.conveyor.adapter.Message;
import io.conveyor.kit.testing.RecordedBatch;
import io.conveyor.kit.testing.RecordingProxy;
import io.conveyor.kit.testing.TestMessage;
import java.io.InputStream;
import java.net.http.HttpTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the adapter reads of an answer: never more than maxResponseBytes, never past the exchange's deadline, a two-way
 * port's answer spooled to a file and not held in memory, the file deleted once the outcome is settled.
 */
class ResponseLimitsTest {

    private static final Duration PATIENCE = Duration.ofSeconds(10);

    @TempDir
    Path spool;

    @Test
    @DisplayName("an endless chunked answer to a two-way message fails within the deadline: the connection is dropped"
            + " once maxResponseBytes were read, and nothing stays spooled")
    void endlessAnswerFails() throws Exception {
        try (StreamingPartner partner = StreamingPartner.flooding(200);
             AdapterUnderTest adapter = new AdapterUnderTest(spool, RecordingProxy.acknowledging(), Map.of())) {
            TestMessage order = twoWay("m1", partner.uri(), "<order/>");
            long start = System.nanoTime();

            adapter.send(order);

            assertThat(adapter.proxy.next().describe()).containsExactly("RESUBMIT m1");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
            assertThat(order.errorInfo()).hasMessageContaining("response larger than maxResponseBytes (10485760 bytes)");
            long written = partner.disconnected().get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
            assertThat(written).as("bytes the partner wrote before the client dropped the connection")
                    .isLessThan(64L * 1024 * 1024);
            assertThat(adapter.spooledFiles()).isEmpty();
        }
    }

    @Test
    @DisplayName("an answer one byte over maxResponseBytes fails the two-way message; one of exactly that size is the response")
    void answerOverTheLimitFails() throws Exception {
        byte[] atLimit = new byte[1000];
        byte[] overLimit = new byte[1001];
        try (RecordingPartner partner = new RecordingPartner()
                .answer("/at", 200, Map.of(), atLimit)
                .answer("/over", 200, Map.of(), overLimit);
             AdapterUnderTest adapter = new AdapterUnderTest(spool, RecordingProxy.acknowledging(),
                     Map.of("maxResponseBytes", 1000L))) {
            TestMessage at = twoWay("at", partner.uri("/at"), "x");
            TestMessage over = twoWay("over", partner.uri("/over"), "x");

            adapter.send(at, over);

            assertThat(adapter.proxy.next().describe()).containsExactly("SUBMIT at", "DELETE at", "RESUBMIT over");
            assertThat(over.errorInfo()).hasMessageContaining("response larger than maxResponseBytes (1000 bytes)");
        }
    }

    @Test
    @DisplayName("an answer that drips slowly fails at the deadline with a timeout, and the connection is dropped")
    void slowDripFailsAtDeadline() throws Exception {
        try (StreamingPartner partner = StreamingPartner.dripping(200, Duration.ofMillis(50));
             AdapterUnderTest adapter = new AdapterUnderTest(spool, RecordingProxy.acknowledging(),
                     Map.of("requestTimeoutSeconds", 1))) {
            TestMessage order = twoWay("m1", partner.uri(), "<order/>");
            long start = System.nanoTime();

            adapter.send(order);

            assertThat(adapter.proxy.next().describe()).containsExactly("RESUBMIT m1");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofSeconds(1), PATIENCE);
            assertThat(order.errorInfo()).hasMessageContaining("no complete answer within requestTimeoutSeconds (1 s)")
                    .hasCauseInstanceOf(HttpTimeoutException.class);
            await().atMost(PATIENCE).until(partner.disconnected()::isDone);
            assertThat(adapter.spooledFiles()).isEmpty();
        }
    }

    @Test
    @DisplayName("a partner that never answers fails at the deadline, and the connection is dropped")
    void noAnswerFailsAtDeadline() throws Exception {
        try (StreamingPartner partner = StreamingPartner.silent();
             AdapterUnderTest adapter = new AdapterUnderTest(spool, RecordingProxy.acknowledging(),
                     Map.of("requestTimeoutSeconds", 1))) {
            TestMessage order = oneWay("m1", partner.uri(), "<order/>");

            adapter.send(order);

            assertThat(adapter.proxy.next().describe()).containsExactly("RESUBMIT m1");
            assertThat(order.errorInfo()).hasMessageContaining("no complete answer within requestTimeoutSeconds (1 s)");
            await().atMost(PATIENCE).until(partner.disconnected()::isDone);
        }
    }

    @Test
    @DisplayName("the endpoint's requestTimeoutSeconds overrides the handler's for the whole exchange")
    void endpointTimeoutBoundsExchange() throws Exception {
        try (StreamingPartner partner = StreamingPartner.dripping(200, Duration.ofMillis(50));
             AdapterUnderTest adapter = new AdapterUnderTest(spool, RecordingProxy.acknowledging(),
                     Map.of("requestTimeoutSeconds", 60))) {
            TestMessage order = twoWay("m1", partner.uri(), "<order/>")
                    .with(HttpEndpoint.REQUEST_TIMEOUT, HttpResourceAdapter.NAMESPACE, 1);

            adapter.send(order);

            assertThat(adapter.proxy.next().describe()).containsExactly("RESUBMIT m1");
            assertThat(order.errorInfo()).hasMessageContaining("within requestTimeoutSeconds (1 s)");
        }
    }

    @Test
    @DisplayName("a large answer within maxResponseBytes arrives whole in the response part, from a spool file deleted"
            + " once the outcome batch is settled")
    void largeAnswerIsSpooledAndDeletedWhenSettled() throws Exception {
        byte[] large = new byte[5 * 1024 * 1024 + 123];
        new Random(42).nextBytes(large);
        try (RecordingPartner partner = new RecordingPartner()
                .answer("/large", 200, Map.of("Content-Type", "application/octet-stream"), large);
             AdapterUnderTest adapter = new AdapterUnderTest(spool, RecordingProxy.manual(), Map.of())) {
            adapter.send(twoWay("m1", partner.uri("/large"), "<order/>"));

            RecordedBatch outcome = adapter.proxy.next();
            assertThat(outcome.describe()).containsExactly("SUBMIT m1", "DELETE m1");
            Message response = outcome.operations.get(0).response();
            assertThat(response.bodyPart().contentType()).isEqualTo("application/octet-stream");
            assertThat(adapter.spooledFiles()).singleElement().satisfies(file -> assertThat(file).hasSize(large.length));
            for (int reading = 1; reading <= 2; reading++) {
                try (InputStream body = response.bodyPart().openStream()) {
                    assertThat(body.readAllBytes()).as("reading %d", reading).isEqualTo(large);
                }
            }

            outcome.acknowledge();

            assertThat(adapter.spooledFiles()).isEmpty();
        }
    }

    @Test
    @DisplayName("a small answer stays in memory and becomes the response with its status and headers")
    void smallAnswerIsTheResponse() throws Exception {
        try (RecordingPartner partner = new RecordingPartner()
                .answer("/small", 201, Map.of("Content-Type", "application/xml", "X-Partner", "p1"), "<ack/>".getBytes());
             AdapterUnderTest adapter = new AdapterUnderTest(spool, RecordingProxy.manual(), Map.of())) {
            adapter.send(twoWay("m1", partner.uri("/small"), "<order/>"));

            RecordedBatch outcome = adapter.proxy.next();
            Message response = outcome.operations.get(0).response();
            assertThat(adapter.spooledFiles()).isEmpty();
            try (InputStream body = response.bodyPart().openStream()) {
                assertThat(body.readAllBytes()).asString().isEqualTo("<ack/>");
            }
            assertThat(response.context().read(HttpResourceAdapter.STATUS_CODE, HttpResourceAdapter.NAMESPACE)).isEqualTo(201);
            assertThat(response.context().read("Header.x-partner", HttpResourceAdapter.NAMESPACE)).isEqualTo("p1");
            outcome.acknowledge();
        }
    }

    @Test
    @DisplayName("a one-way message answered 200 with an endless body is delivered; the rest of the body is not read")
    void oneWayEndlessSuccessIsDelivered() throws Exception {
        try (StreamingPartner partner = StreamingPartner.flooding(200);
             AdapterUnderTest adapter = new AdapterUnderTest(spool, RecordingProxy.acknowledging(),
                     Map.of("maxResponseBytes", 1024L * 1024))) {
            TestMessage order = oneWay("m1", partner.uri(), "<order/>");

            adapter.send(order);

            assertThat(adapter.proxy.next().describe()).containsExactly("DELETE m1");
            assertThat(order.errorInfo()).isNull();
            await().atMost(PATIENCE).until(partner.disconnected()::isDone);
            assertThat(adapter.spooledFiles()).isEmpty();
        }
    }

    @Test
    @DisplayName("a one-way message answered 500 with an endless body fails, quoting the first 300 bytes of it")
    void failureStatusWithEndlessBodyQuotesItsStart() throws Exception {
        try (StreamingPartner partner = StreamingPartner.flooding(500);
             AdapterUnderTest adapter = new AdapterUnderTest(spool, RecordingProxy.acknowledging(),
                     Map.of("maxResponseBytes", 1024L * 1024))) {
            TestMessage order = oneWay("m1", partner.uri(), "<order/>");

            adapter.send(order);

            assertThat(adapter.proxy.next().describe()).containsExactly("RESUBMIT m1");
            String quoted = "0123456789".repeat(30);
            assertThat(order.errorInfo()).hasMessageContaining("HTTP 500").hasMessageEndingWith("): " + quoted);
            await().atMost(PATIENCE).until(partner.disconnected()::isDone);
        }
    }

    @Test
    @DisplayName("initialise deletes the response files a previous run left in the spool directory, and nothing else")
    void leftoversDeletedAtInitialise() throws Exception {
        Path leftover = Files.writeString(spool.resolve("response-123.body"), "from a crashed run");
        Path unrelated = Files.writeString(spool.resolve("notes.txt"), "not the adapter's");

        try (AdapterUnderTest adapter = new AdapterUnderTest(spool, RecordingProxy.acknowledging(), Map.of())) {
            assertThat(leftover).doesNotExist();
            assertThat(adapter.spooledFiles()).containsExactly(unrelated);
        }
    }
}
