package io.conveyor.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.stream.Stream;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code trustStore} setting against a real HTTPS server whose self-signed certificate only that store trusts. */
class TrustStoreContextTest {

    private static final String STORE_PASSWORD = "changeit";

    @TempDir
    static Path stores;
    private static HttpsServer server;
    private static URI endpoint;

    @BeforeAll
    static void startServerWithSelfSignedCertificate() throws Exception {
        keytool("-genkeypair", "-alias", "server", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1",
                "-storetype", "PKCS12", "-keystore", keyStore().toString(), "-storepass", STORE_PASSWORD);
        keytool("-exportcert", "-alias", "server", "-keystore", keyStore().toString(), "-storepass", STORE_PASSWORD,
                "-file", stores.resolve("server.cer").toString());
        keytool("-importcert", "-noprompt", "-alias", "server", "-file", stores.resolve("server.cer").toString(),
                "-storetype", "PKCS12", "-keystore", trustStore().toString(), "-storepass", STORE_PASSWORD);

        server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(serverContext()));
        server.createContext("/", exchange -> {
            byte[] answer = "trusted".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        });
        server.start();
        endpoint = URI.create("https://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    @AfterAll
    static void stopServer() {
        server.stop(0);
    }

    @Test
    void aClientBuiltFromTheTrustStoreCompletesTheHandshake() throws Exception {
        HttpClient client = HttpClient.newBuilder()
                .sslContext(TrustStoreContext.trusting(trustStore(), STORE_PASSWORD)).build();

        HttpResponse<String> response = client.send(HttpRequest.newBuilder(endpoint).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("trusted");
    }

    @Test
    void theJvmDefaultTrustRefusesTheSameServer() {
        HttpClient client = HttpClient.newHttpClient();

        assertThatThrownBy(() -> client.send(HttpRequest.newBuilder(endpoint).build(),
                HttpResponse.BodyHandlers.ofString())).isInstanceOf(SSLHandshakeException.class);
    }

    @Test
    void aWrongPasswordIsReportedWhenTheContextIsBuilt() {
        assertThatThrownBy(() -> TrustStoreContext.trusting(trustStore(), "wrong"))
                .isInstanceOf(IOException.class);
    }

    private static SSLContext serverContext() throws Exception {
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keyStore())) {
            keys.load(in, STORE_PASSWORD.toCharArray());
        }
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keys, STORE_PASSWORD.toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keyManagers.getKeyManagers(), null, null);
        return context;
    }

    private static Path keyStore() {
        return stores.resolve("server.p12");
    }

    private static Path trustStore() {
        return stores.resolve("trust.p12");
    }

    private static void keytool(String... arguments) throws IOException, InterruptedException {
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        List<String> command = Stream.concat(Stream.of(keytool.toString()), Stream.of(arguments)).toList();
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as("keytool %s: %s", arguments[0], output).isZero();
    }
}
