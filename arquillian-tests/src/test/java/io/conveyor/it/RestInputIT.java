package io.conveyor.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringReader;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What a careless or hostile client sends the REST API, byte for byte (a raw socket, so nothing is cleaned up on the
 * way): property values in UTF-8 are stored as sent, malformed or oversized input is refused with 400 naming the
 * field (413 for a request larger than the server takes), and nothing of a refused publication is kept. The port used
 * here is stopped, so whatever is stored stays visible.
 */
@RunAsClient
@ExtendWith(ArquillianExtension.class)
class RestInputIT {

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final String port = "input-" + run;

    @ArquillianResource
    URL testWar;

    @Deployment
    static EnterpriseArchive deployment() {
        return ConveyorDeployment.ear(RestInputIT.class);
    }

    @BeforeEach
    void stoppedPort() throws IOException {
        String definition = Json.createObjectBuilder().add("name", port).add("filter", "Customer = '" + run + "'")
                .add("state", "STOPPED").add("primaryTransport", Json.createObjectBuilder().add("adapter", "PROBE_SINGLE")
                        .add("address", "probe://input")).build().toString();
        assertThat(exchange(request("POST", "/api/ports", "Content-Type: application/json\r\n",
                definition.getBytes(StandardCharsets.UTF_8))).status()).isEqualTo(201);
    }

    @Test
    @DisplayName("a property value sent in UTF-8 is stored as sent: {\"Name\":\"Müller\"} stays Müller")
    void utf8PropertiesAreStoredAsSent() throws IOException {
        Answer published = publish(("{\"Customer\":\"" + run + "\",\"Name\":\"Müller\"}").getBytes(StandardCharsets.UTF_8));
        assertThat(published.status()).as(published.body()).isEqualTo(201);
        String messageId = json(published.body()).getString("messageId");

        JsonArray context = json(exchange(request("GET", "/api/messages/" + messageId, "", new byte[0])).body())
                .getJsonArray("context");
        assertThat(context.getValuesAs(JsonObject.class)).filteredOn(p -> p.getString("name").equals("Name"))
                .singleElement().satisfies(p -> assertThat(p.getString("value")).isEqualTo("Müller"));
    }

    @Test
    @DisplayName("a properties header that is not UTF-8 is refused with 400, and nothing is stored")
    void invalidUtf8IsRefused() throws IOException {
        byte[] header = ("{\"Customer\":\"" + run + "\",\"Name\":\"M\u00fcller\"}").getBytes(StandardCharsets.ISO_8859_1);
        expectRefused(publish(header), "properties");
        assertThat(stored()).isEmpty();
    }

    @Test
    @DisplayName("a key given twice, in the properties header or in a port definition, is refused with 400")
    void duplicateKeysAreRefused() throws IOException {
        expectRefused(publish(("{\"Customer\":\"" + run + "\",\"Customer\":\"someone-else\"}").getBytes(StandardCharsets.UTF_8)),
                "properties");
        expectRefused(exchange(request("POST", "/api/ports", "Content-Type: application/json\r\n",
                ("{\"name\":\"twice-" + run + "\",\"name\":\"again-" + run + "\",\"filter\":\"A = 1\"}")
                        .getBytes(StandardCharsets.UTF_8))), "body");
        assertThat(stored()).isEmpty();
    }

    @Test
    @DisplayName("JSON nested 10,000 deep, in a port definition or the properties header, is refused with 400")
    void deepJsonIsRefused() throws IOException {
        String deep = "[".repeat(10_000) + "]".repeat(10_000);
        expectRefused(exchange(request("POST", "/api/ports", "Content-Type: application/json\r\n",
                ("{\"name\":\"deep-" + run + "\",\"filter\":" + deep + "}").getBytes(StandardCharsets.UTF_8))), "body");
        expectRefused(publish(("{\"Customer\":\"" + run + "\",\"Deep\":" + deep + "}").getBytes(StandardCharsets.UTF_8)),
                "properties");
        assertThat(stored()).isEmpty();
    }

    @Test
    @DisplayName("a body that ends before its Content-Length is refused with 400, and nothing is stored")
    void truncatedBodyIsRefused() throws IOException {
        byte[] head = ("POST /api/messages HTTP/1.1\r\nHost: " + testWar.getHost() + "\r\nAuthorization: " + TestUser.ALL.authorization() + "\r\nConveyor-Properties: {\"Customer\":\""
                + run + "\"}\r\nContent-Type: text/plain\r\nContent-Length: 1000\r\nConnection: close\r\n\r\nonly this much")
                .getBytes(StandardCharsets.UTF_8);
        Answer answer = exchange(head);
        expectRefused(answer, "body");
        assertThat(stored()).isEmpty();
    }

    @Test
    @DisplayName("10,000 properties in one header, or a context of more than 64 KiB, is refused with 400 naming properties")
    void oversizedContextIsRefused() throws IOException {
        StringBuilder many = new StringBuilder("{\"Customer\":\"" + run + "\"");
        for (int i = 0; i < 10_000; i++) {
            many.append(",\"P").append(i).append("\":").append(i);
        }
        Answer tooMany = publish(many.append('}').toString().getBytes(StandardCharsets.UTF_8));
        expectRefused(tooMany, "properties");
        assertThat(json(tooMany.body()).getString("error")).contains("at most 256 properties", "10001");

        StringBuilder large = new StringBuilder("{\"Customer\":\"" + run + "\"");
        for (int i = 0; i < 20; i++) {
            large.append(",\"P").append(i).append("\":\"").append("x".repeat(3_500)).append('"');
        }
        Answer tooLarge = publish(large.append('}').toString().getBytes(StandardCharsets.UTF_8));
        expectRefused(tooLarge, "properties");
        assertThat(json(tooLarge.body()).getString("error")).contains("at most 65536 characters");
        assertThat(stored()).isEmpty();
    }

    @Test
    @DisplayName("a 50 MB body is answered 413 naming the limit and how to raise it, and nothing is stored")
    void oversizedBodyIsRefused() throws Exception {
        long size = 50L << 20;
        byte[] head = ("POST /api/messages HTTP/1.1\r\nHost: " + testWar.getHost() + "\r\nAuthorization: " + TestUser.ALL.authorization() + "\r\nConveyor-Properties: {\"Customer\":\""
                + run + "\"}\r\nContent-Type: application/octet-stream\r\nContent-Length: " + size
                + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        Answer answer = exchangeWhileSending(head, size);
        assertThat(answer.status()).as(answer.body()).isEqualTo(413);
        assertThat(json(answer.body()).getString("field")).isEqualTo("body");
        assertThat(json(answer.body()).getString("error")).contains("10485760", "conveyor.http.maxRequestBytes");
        assertThat(stored()).isEmpty();
    }

    private Answer publish(byte[] propertiesHeader) throws IOException {
        ByteArrayOutputStream request = new ByteArrayOutputStream();
        request.writeBytes(("POST /api/messages HTTP/1.1\r\nHost: " + testWar.getHost() + "\r\nAuthorization: " + TestUser.ALL.authorization() + "\r\nContent-Type: text/plain\r\n"
                + "Content-Length: 4\r\nConnection: close\r\nConveyor-Properties: ").getBytes(StandardCharsets.US_ASCII));
        request.writeBytes(propertiesHeader);
        request.writeBytes("\r\n\r\nbody".getBytes(StandardCharsets.US_ASCII));
        return exchange(request.toByteArray());
    }

    /** The work items of this test's port: what was stored. */
    private JsonArray stored() throws IOException {
        try (JsonReader reader = Json.createReader(new StringReader(exchange(request("GET", "/api/work-items?port=" + port, "",
                new byte[0])).body()))) {
            return reader.readArray();
        }
    }

    private byte[] request(String method, String path, String headers, byte[] body) {
        ByteArrayOutputStream request = new ByteArrayOutputStream();
        request.writeBytes((method + " " + path + " HTTP/1.1\r\nHost: " + testWar.getHost() + "\r\nAuthorization: " + TestUser.ALL.authorization() + "\r\n" + headers
                + "Content-Length: " + body.length + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        request.writeBytes(body);
        return request.toByteArray();
    }

    /** Sends the bytes as they are, half-closes, and reads the whole answer. */
    private Answer exchange(byte[] request) throws IOException {
        try (Socket socket = new Socket(testWar.getHost(), testWar.getPort())) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(request);
            out.flush();
            socket.shutdownOutput();
            return parse(socket.getInputStream().readAllBytes());
        }
    }

    private static Answer parse(byte[] answer) {
        int headEnd = indexOf(answer, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII), 0);
        String head = new String(answer, 0, headEnd, StandardCharsets.ISO_8859_1);
        byte[] body = Arrays.copyOfRange(answer, headEnd + 4, answer.length);
        int status = Integer.parseInt(head.substring(head.indexOf(' ') + 1, head.indexOf(' ') + 4));
        boolean chunked = head.toLowerCase(Locale.ROOT).contains("transfer-encoding: chunked");
        return new Answer(status, new String(chunked ? unchunked(body) : body, StandardCharsets.UTF_8));
    }

    /**
     * Sends the head, then {@code bodyBytes} zeros from another thread while reading the answer, as a client streaming
     * a large upload does; the server may answer and close before the body is all sent.
     */
    private Answer exchangeWhileSending(byte[] head, long bodyBytes) throws Exception {
        try (Socket socket = new Socket(testWar.getHost(), testWar.getPort())) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(head);
            Thread sender = new Thread(() -> {
                byte[] zeros = new byte[64 * 1024];
                try {
                    for (long sent = 0; sent < bodyBytes; sent += zeros.length) {
                        out.write(zeros, 0, (int) Math.min(zeros.length, bodyBytes - sent));
                    }
                    out.flush();
                } catch (IOException answeredAndClosed) {
                    // the server stopped reading once it had refused the request
                }
            });
            sender.start();
            byte[] answer = readAnswer(socket.getInputStream());
            sender.join(30_000);
            return parse(answer);
        }
    }

    /** Reads one HTTP answer: its head, then as many body bytes as its Content-Length says (or up to the close). */
    private static byte[] readAnswer(InputStream in) throws IOException {
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        byte[] headEnd = "\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        int next;
        while ((next = in.read()) != -1) {
            answer.write(next);
            byte[] sofar = answer.toByteArray();
            if (sofar.length >= 4 && Arrays.equals(sofar, sofar.length - 4, sofar.length, headEnd, 0, 4)) {
                break;
            }
        }
        String head = answer.toString(StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
        int lengthAt = head.indexOf("content-length:");
        if (lengthAt >= 0) {
            int length = Integer.parseInt(head.substring(lengthAt + 15, head.indexOf("\r\n", lengthAt)).trim());
            answer.writeBytes(in.readNBytes(length));
        } else {
            answer.writeBytes(in.readAllBytes());
        }
        return answer.toByteArray();
    }

    private static byte[] unchunked(byte[] chunked) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        byte[] lineBreak = "\r\n".getBytes(StandardCharsets.US_ASCII);
        int at = 0;
        while (true) {
            int lineEnd = indexOf(chunked, lineBreak, at);
            int size = Integer.parseInt(new String(chunked, at, lineEnd - at, StandardCharsets.US_ASCII).trim(), 16);
            if (size == 0) {
                return body.toByteArray();
            }
            body.write(chunked, lineEnd + 2, size);
            at = lineEnd + 2 + size + 2;
        }
    }

    private static int indexOf(byte[] data, byte[] pattern, int from) {
        for (int i = from; i <= data.length - pattern.length; i++) {
            if (Arrays.equals(data, i, i + pattern.length, pattern, 0, pattern.length)) {
                return i;
            }
        }
        throw new IllegalStateException("malformed HTTP answer: " + new String(data, StandardCharsets.ISO_8859_1));
    }

    private static void expectRefused(Answer answer, String field) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(400);
        assertThat(json(answer.body()).getString("field")).isEqualTo(field);
    }

    private static JsonObject json(String body) {
        try (JsonReader reader = Json.createReader(new StringReader(body))) {
            return reader.readObject();
        }
    }

    /** A status and a body. */
    private record Answer(int status, String body) {
    }
}
