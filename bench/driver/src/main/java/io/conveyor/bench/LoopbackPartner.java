package io.conveyor.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The HTTP partner of the HTTP scenarios, on 127.0.0.1 in the harness's JVM: answers every POST with 200 and a short
 * body (or, when failing, with 500), and records each request's publish-to-arrival latency from the body's stamp.
 */
final class LoopbackPartner implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(8);
    private final boolean failing;
    private final AtomicLong requests = new AtomicLong();
    private volatile Latencies latencies = new Latencies();

    LoopbackPartner(boolean failing) throws IOException {
        this.failing = failing;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 512);
        server.createContext("/", this::handle);
        server.setExecutor(threads);
        server.start();
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    long requests() {
        return requests.get();
    }

    /** The latencies recorded since the last call, and a fresh record for the next measurement. */
    Latencies takeLatencies() {
        Latencies taken = latencies;
        latencies = new Latencies();
        return taken;
    }

    private void handle(HttpExchange exchange) throws IOException {
        long arrived = BenchClock.nowMicros();
        try (InputStream body = exchange.getRequestBody()) {
            byte[] head = body.readNBytes(24);
            body.transferTo(java.io.OutputStream.nullOutputStream());
            long stamp = BenchClock.stampOf(head);
            if (stamp > 0) {
                latencies.add(arrived - stamp);
            }
        }
        requests.incrementAndGet();
        byte[] answer = (failing ? "partner failure" : "accepted").getBytes(StandardCharsets.US_ASCII);
        exchange.getResponseHeaders().add("Content-Type", "text/plain");
        exchange.sendResponseHeaders(failing ? 500 : 200, answer.length);
        exchange.getResponseBody().write(answer);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
