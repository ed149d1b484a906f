package io.conveyor.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.InputStream;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.as.arquillian.container.ManagementClient;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code GET /api/messages/{id}/body} on a real WildFly: a message held by a stopped port (so it stays in the
 * MessageBox) is downloaded with its content type and a safe file name, whether held inline or stored in chunks; a
 * missing message or part is answered 404 naming it; a viewer is refused.
 */
@Tag("messagebox")
@RunAsClient
@ExtendWith(ArquillianExtension.class)
class MessageBodyIT {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private final String run = UUID.randomUUID().toString().substring(0, 8);

    @ArquillianResource
    ManagementClient management;
    private URI api;

    @Deployment
    static EnterpriseArchive deployment() {
        return ConveyorDeployment.ear(MessageBodyIT.class);
    }

    @BeforeEach
    void stoppedPort() throws Exception {
        api = management.getWebUri().resolve("/api/");
        String port = "{\"name\":\"body-" + run + "\",\"state\":\"STOPPED\",\"filter\":\"Customer = 'body-" + run + "'\","
                + "\"primaryTransport\":{\"adapter\":\"FILE\",\"address\":\"file://"
                + Path.of(System.getProperty("conveyor.test.files"), "body-" + run) + "/%MessageID%.xml\"}}";
        HttpResponse<String> created = HTTP.send(TestUser.ADMIN.sign(HttpRequest.newBuilder(api.resolve("ports")))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(port)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    }

    @Test
    @DisplayName("a small (inline) body comes back as published, with its content type, charset and an attachment file name")
    void inlineBody() throws Exception {
        String messageId = publish("application/xml; charset=UTF-8", "<order>körper</order>".getBytes(StandardCharsets.UTF_8));

        HttpResponse<String> body = get(TestUser.OPERATOR, "messages/" + messageId + "/body");
        assertThat(body.statusCode()).as(body.body()).isEqualTo(200);
        assertThat(body.body()).isEqualTo("<order>körper</order>");
        assertThat(body.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type.toLowerCase()).startsWith("application/xml").contains("charset=utf-8"));
        assertThat(body.headers().firstValue("Content-Disposition"))
                .contains("attachment; filename=\"" + messageId + "-body.xml\"");
        assertThat(body.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
        assertThat(get(TestUser.ADMIN, "messages/" + messageId + "/body?part=body").body())
                .isEqualTo("<order>körper</order>");
    }

    @Test
    @DisplayName("a 3 MB body, stored in chunks, is streamed back byte for byte")
    void largeBody() throws Exception {
        byte[] data = new byte[3 * 1024 * 1024 + 17];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i * 31 + i / 7);
        }
        String messageId = publish("application/octet-stream", data);

        HttpResponse<InputStream> body = HTTP.send(TestUser.OPERATOR.sign(HttpRequest.newBuilder(
                api.resolve("messages/" + messageId + "/body"))).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
        assertThat(body.statusCode()).isEqualTo(200);
        assertThat(body.headers().firstValue("Content-Type")).contains("application/octet-stream");
        assertThat(body.headers().firstValue("Content-Disposition")).hasValueSatisfying(disposition ->
                assertThat(disposition).endsWith("-body.bin\""));
        MessageDigest received = MessageDigest.getInstance("SHA-256");
        long size = 0;
        try (InputStream in = body.body()) {
            byte[] buffer = new byte[64 * 1024];
            for (int read; (read = in.read(buffer)) > 0; size += read) {
                received.update(buffer, 0, read);
            }
        }
        assertThat(size).isEqualTo(data.length);
        assertThat(received.digest()).isEqualTo(MessageDigest.getInstance("SHA-256").digest(data));
    }

    @Test
    @DisplayName("a message not in the MessageBox, or a part it does not have, is answered 404 naming it; a viewer gets 403")
    void missingAndRefused() throws Exception {
        String unknown = "0190c1de-0000-7000-8000-00000000ffff";
        HttpResponse<String> noMessage = get(TestUser.OPERATOR, "messages/" + unknown + "/body");
        assertThat(noMessage.statusCode()).isEqualTo(404);
        assertThat(json(noMessage.body()).getString("error")).contains(unknown);

        String messageId = publish("text/plain", "plain".getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> noPart = get(TestUser.OPERATOR, "messages/" + messageId + "/body?part=attachment");
        assertThat(noPart.statusCode()).isEqualTo(404);
        assertThat(json(noPart.body()).getString("error")).contains("'attachment'").contains("[body]");

        HttpResponse<String> viewer = get(TestUser.VIEWER, "messages/" + messageId + "/body");
        assertThat(viewer.statusCode()).isEqualTo(403);
        assertThat(json(viewer.body()).getString("error")).contains("conveyor-operator");
    }

    private String publish(String contentType, byte[] body) throws Exception {
        HttpResponse<String> published = HTTP.send(TestUser.PUBLISHER.sign(HttpRequest.newBuilder(api.resolve("messages")))
                .header("Content-Type", contentType).header("Conveyor-Properties", "{\"Customer\":\"body-" + run + "\"}")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(published.statusCode()).as(published.body()).isEqualTo(201);
        return json(published.body()).getString("messageId");
    }

    private HttpResponse<String> get(TestUser user, String path) throws Exception {
        return HTTP.send(user.sign(HttpRequest.newBuilder(api.resolve(path))).GET().build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static JsonObject json(String body) {
        try (JsonReader reader = Json.createReader(new StringReader(body))) {
            return reader.readObject();
        }
    }
}
