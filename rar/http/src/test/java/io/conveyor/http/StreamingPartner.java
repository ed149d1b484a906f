package io.conveyor.http;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A partner on 127.0.0.1, on a raw socket, that answers one request with a chunked body that never ends (as fast as
 * the client reads, or a few bytes per interval) or with nothing at all. It records when the client drops the
 * connection. So that it always stops by itself, it gives up after {@value #MOST_BYTES} bytes or
 * {@value #MOST_SECONDS} s.
 */
final class StreamingPartner implements AutoCloseable {

    static final long MOST_BYTES = 4L << 30;
    static final long MOST_SECONDS = 30;
    /** What every chunk of the endless body repeats. */
    static final byte[] PATTERN = "0123456789".getBytes(StandardCharsets.US_ASCII);

    private final ServerSocket server;
    private final ScheduledExecutorService threads = Executors.newScheduledThreadPool(2);
    private final AtomicLong written = new AtomicLong();
    private final CompletableFuture<Long> disconnected = new CompletableFuture<>();
    private final long startedAt = System.nanoTime();
    private volatile Socket client;

    private StreamingPartner() throws IOException {
        server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
    }

    /** Answers with the status and an endless body, written as fast as the client reads it. */
    static StreamingPartner flooding(int status) throws IOException {
        StreamingPartner partner = new StreamingPartner();
        partner.threads.execute(() -> partner.serve(status, null));
        return partner;
    }

    /** Answers with the status and an endless body, one small chunk per interval. */
    static StreamingPartner dripping(int status, Duration interval) throws IOException {
        StreamingPartner partner = new StreamingPartner();
        partner.threads.execute(() -> partner.serve(status, interval));
        return partner;
    }

    /** Reads the request and never answers. */
    static StreamingPartner silent() throws IOException {
        StreamingPartner partner = new StreamingPartner();
        partner.threads.execute(partner::listenOnly);
        return partner;
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getLocalPort() + "/stream");
    }

    /** Completes with the bytes written once the client dropped the connection. */
    CompletableFuture<Long> disconnected() {
        return disconnected;
    }

    private void serve(int status, Duration interval) {
        try {
            Socket socket = accept();
            readRequest(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            out.write(("HTTP/1.1 " + status + " Whatever\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            if (interval == null) {
                byte[] chunk = chunk(64 * 1024);
                while (withinBounds()) {
                    out.write(chunk);
                    written.addAndGet(chunk.length);
                }
            } else {
                byte[] chunk = chunk(PATTERN.length);
                threads.scheduleAtFixedRate(() -> drip(socket, out, chunk), 0, interval.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (IOException e) {
            disconnected.complete(written.get());
        }
    }

    private void drip(Socket socket, OutputStream out, byte[] chunk) {
        try {
            if (!withinBounds()) {
                throw new IllegalStateException("the partner's own bound was reached");
            }
            out.write(chunk);
            out.flush();
            written.addAndGet(chunk.length);
        } catch (IOException e) {
            disconnected.complete(written.get());
            throw new IllegalStateException("stop dripping: the client is gone", e);
        }
    }

    private void listenOnly() {
        try {
            Socket socket = accept();
            socket.setSoTimeout((int) TimeUnit.SECONDS.toMillis(MOST_SECONDS));
            InputStream in = socket.getInputStream();
            readRequest(in);
            if (in.read() < 0) {
                disconnected.complete(0L);
            }
        } catch (IOException e) {
            disconnected.completeExceptionally(e);
        }
    }

    private Socket accept() throws IOException {
        client = server.accept();
        return client;
    }

    private boolean withinBounds() {
        return written.get() < MOST_BYTES && System.nanoTime() - startedAt < TimeUnit.SECONDS.toNanos(MOST_SECONDS);
    }

    /** One chunk of the chunked encoding: its size in hex, the pattern repeated, CRLF. */
    private static byte[] chunk(int size) {
        ByteArrayOutputStream chunk = new ByteArrayOutputStream(size + 16);
        chunk.writeBytes((Integer.toHexString(size) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        for (int i = 0; i < size; i++) {
            chunk.write(PATTERN[i % PATTERN.length]);
        }
        chunk.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        return chunk.toByteArray();
    }

    /** Reads the request's headers and its body of Content-Length bytes. */
    private static void readRequest(InputStream raw) throws IOException {
        InputStream in = new BufferedInputStream(raw);
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
            int next = in.read();
            if (next < 0) {
                throw new IOException("the client closed the connection before its request was complete");
            }
            head.write(next);
        }
        long length = Arrays.stream(head.toString(StandardCharsets.US_ASCII).split("\r\n"))
                .filter(line -> line.toLowerCase(Locale.ROOT).startsWith("content-length:"))
                .mapToLong(line -> Long.parseLong(line.substring(line.indexOf(':') + 1).trim()))
                .findFirst().orElse(0);
        in.readNBytes((int) length);
    }

    @Override
    public void close() throws IOException {
        threads.shutdownNow();
        server.close();
        if (client != null) {
            client.close();
        }
    }
}
