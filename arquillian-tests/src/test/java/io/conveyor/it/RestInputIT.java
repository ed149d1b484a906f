package io.conveyor.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
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
 * way): property values in UTF-8 are stored as sent, malformed input is refused with 400 naming the field, and nothing
 * of a refused publication is kept. The port used here is stopped, so whatever is stored stays visible.
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
        byte[] head = ("POST /api/messages HTTP/1.1\r\nHost: " + testWar.getHost() + "\r\nConveyor-Properties: {\"Customer\":\""
                + run + "\"}\r\nContent-Type: text/plain\r\nContent-Length: 1000\r\nConnection: close\r\n\r\nonly this much")
                .getBytes(StandardCharsets.UTF_8);
        Answer answer = exchange(head);
        expectRefused(answer, "body");
        assertThat(stored()).isEmpty();
    }

    private Answer publish(byte[] propertiesHeader) throws IOException {
        ByteArrayOutputStream request = new ByteArrayOutputStream();
        request.writeBytes(("POST /api/messages HTTP/1.1\r\nHost: " + testWar.getHost() + "\r\nContent-Type: text/plain\r\n"
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
        request.writeBytes((method + " " + path + " HTTP/1.1\r\nHost: " + testWar.getHost() + "\r\n" + headers
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
            byte[] answer = socket.getInputStream().readAllBytes();
            int headEnd = indexOf(answer, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII), 0);
            String head = new String(answer, 0, headEnd, StandardCharsets.ISO_8859_1);
            byte[] body = Arrays.copyOfRange(answer, headEnd + 4, answer.length);
            int status = Integer.parseInt(head.substring(head.indexOf(' ') + 1, head.indexOf(' ') + 4));
            boolean chunked = head.toLowerCase(Locale.ROOT).contains("transfer-encoding: chunked");
            return new Answer(status, new String(chunked ? unchunked(body) : body, StandardCharsets.UTF_8));
        }
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
