package io.conveyor.http;

import static io.conveyor.http.AdapterUnderTest.oneWay;
import static org.assertj.core.api.Assertions.assertThat;

import io.conveyor.kit.testing.RecordingProxy;
import io.conveyor.kit.testing.TestMessage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Redirects: a failure for the failure ladder, never a delivery; with followRedirects, a 307 or 308 to the same origin
 * is sent again with the same method, headers and body.
 */
class RedirectTest {

    private static final String ORDER = "<order id=\"7\"/>";

    @TempDir
    Path spool;

    @Test
    @DisplayName("a 302 fails the delivery, naming the status and the Location; the redirect target receives nothing")
    void foundIsAFailure() throws Exception {
        try (RecordingPartner partner = new RecordingPartner();
             AdapterUnderTest adapter = new AdapterUnderTest(spool, RecordingProxy.acknowledging(), Map.of())) {
            partner.answer("/orders", 302, Map.of("Location", partner.uri("/elsewhere").toString()), new byte[0])
                    .answer("/elsewhere", 200, Map.of(), new byte[0]);
            TestMessage order = oneWay("m1", partner.uri("/orders"), ORDER);

            adapter.send(order);

            assertThat(adapter.proxy.next().describe()).containsExactly("RESUBMIT m1");
            assertThat(order.errorInfo()).hasMessageContaining("HTTP 302 from POST " + partner.uri("/orders"))
                    .hasMessageContaining("Location: " + partner.uri("/elsewhere"))
                    .hasMessageContaining("followRedirects is off");
            assertThat(partner.requests).extracting(RecordingPartner.Request::path).containsExactly("/orders");
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {301, 302, 303})
    @DisplayName("with followRedirects, a 301, 302 or 303 still fails: they would turn the POST into a GET")
    void methodChangingRedirectsFailEvenWhenFollowing(int status) throws Exception {
        try (RecordingPartner partner = new RecordingPartner();
             AdapterUnderTest adapter = new AdapterUnderTest(spool, RecordingProxy.acknowledging(),
                     Map.of("followRedirects", true))) {
            partner.answer("/orders", status, Map.of("Location", "/elsewhere"), new byte[0])
                    .answer("/elsewhere", 200, Map.of(), new byte[0]);
            TestMessage order = oneWay("m1", partner.uri("/orders"), ORDER);

            adapter.send(order);

            assertThat(adapter.proxy.next().describe()).containsExactly("RESUBMIT m1");
            assertThat(order.errorInfo()).hasMessageContaining("HTTP " + status)
                    .hasMessageContaining("only 307 and 308");
            assertThat(partner.requests).extracting(RecordingPartner.Request::path).containsExactly("/orders");
        }
    }

    @Test
    @DisplayName("a same-origin 307 is followed when the endpoint's followRedirects is on: same method, headers and body")
    void sameOrigin307IsFollowed() throws Exception {
        try (RecordingPartner partner = new RecordingPartner();
             AdapterUnderTest adapter = new AdapterUnderTest(spool, RecordingProxy.acknowledging(), Map.of())) {
            partner.answer("/orders", 307, Map.of("Location", "/v2/orders"), "moved".getBytes(StandardCharsets.UTF_8))
                    .answer("/v2/orders", 202, Map.of(), new byte[0]);
            TestMessage order = oneWay("m1", partner.uri("/orders"), ORDER)
                    .with(HttpEndpoint.FOLLOW_REDIRECTS, HttpResourceAdapter.NAMESPACE, true)
                    .with(HttpEndpoint.USERNAME, HttpResourceAdapter.NAMESPACE, "shop")
                    .with(HttpEndpoint.PASSWORD, HttpResourceAdapter.NAMESPACE, "s3cret");

            adapter.send(order);

            assertThat(adapter.proxy.next().describe()).containsExactly("DELETE m1");
            assertThat(partner.requests).extracting(RecordingPartner.Request::path).containsExactly("/orders", "/v2/orders");
            RecordingPartner.Request first = partner.requests.get(0);
            RecordingPartner.Request followed = partner.requests.get(1);
            assertThat(followed.method()).isEqualTo("POST");
            assertThat(followed.body()).asString(StandardCharsets.UTF_8).isEqualTo(ORDER);
            for (String header : new String[] {"Content-Type", "Conveyor-Message-Id", "Authorization"}) {
                assertThat(followed.header(header)).as(header).isNotNull().isEqualTo(first.header(header));
            }
        }
    }

    @Test
    @DisplayName("the handler's followRedirects is the endpoints' default: a same-origin 308 is followed")
    void handlerDefaultFollows308() throws Exception {
        try (RecordingPartner partner = new RecordingPartner();
             AdapterUnderTest adapter = new AdapterUnderTest(spool, RecordingProxy.acknowledging(),
                     Map.of("followRedirects", true))) {
            partner.answer("/orders", 308, Map.of("Location", partner.uri("/v2/orders").toString()), new byte[0])
                    .answer("/v2/orders", 200, Map.of(), new byte[0]);

            adapter.send(oneWay("m1", partner.uri("/orders"), ORDER));

            assertThat(adapter.proxy.next().describe()).containsExactly("DELETE m1");
            assertThat(partner.requests.get(1).body()).asString(StandardCharsets.UTF_8).isEqualTo(ORDER);
        }
    }

    @Test
    @DisplayName("a 307 is not followed while followRedirects is off")
    void temporaryRedirectNotFollowedByDefault() throws Exception {
        try (RecordingPartner partner = new RecordingPartner();
             AdapterUnderTest adapter = new AdapterUnderTest(spool, RecordingProxy.acknowledging(), Map.of())) {
            partner.answer("/orders", 307, Map.of("Location", "/v2/orders"), new byte[0])
                    .answer("/v2/orders", 200, Map.of(), new byte[0]);
            TestMessage order = oneWay("m1", partner.uri("/orders"), ORDER);

            adapter.send(order);

            assertThat(adapter.proxy.next().describe()).containsExactly("RESUBMIT m1");
            assertThat(order.errorInfo()).hasMessageContaining("HTTP 307").hasMessageContaining("followRedirects is off");
            assertThat(partner.requests).hasSize(1);
        }
    }

    @Test
    @DisplayName("a 307 to another origin is not followed: the other server never sees a request, so never the credentials")
    void crossOrigin307IsNotFollowed() throws Exception {
        try (RecordingPartner partner = new RecordingPartner();
             RecordingPartner other = new RecordingPartner();
             AdapterUnderTest adapter = new AdapterUnderTest(spool, RecordingProxy.acknowledging(),
                     Map.of("followRedirects", true, "username", "shop", "password", "s3cret"))) {
            other.answer("/orders", 200, Map.of(), new byte[0]);
            partner.answer("/orders", 307, Map.of("Location", other.uri("/orders").toString()), new byte[0]);
            TestMessage order = oneWay("m1", partner.uri("/orders"), ORDER);

            adapter.send(order);

            assertThat(adapter.proxy.next().describe()).containsExactly("RESUBMIT m1");
            assertThat(order.errorInfo()).hasMessageContaining("HTTP 307").hasMessageContaining("another origin");
            assertThat(partner.requests.get(0).header("Authorization")).startsWith("Basic ");
            assertThat(other.requests).isEmpty();
        }
    }

    @Test
    @DisplayName("at most 5 redirects are followed: a sixth fails the delivery")
    void redirectLoopEnds() throws Exception {
        try (RecordingPartner partner = new RecordingPartner();
             AdapterUnderTest adapter = new AdapterUnderTest(spool, RecordingProxy.acknowledging(),
                     Map.of("followRedirects", true))) {
            partner.answer("/loop", 307, Map.of("Location", "/loop"), new byte[0]);
            TestMessage order = oneWay("m1", partner.uri("/loop"), ORDER);

            adapter.send(order);

            assertThat(adapter.proxy.next().describe()).containsExactly("RESUBMIT m1");
            assertThat(order.errorInfo()).hasMessageContaining("more than 5 redirects");
            assertThat(partner.requests).hasSize(1 + RedirectPolicy.MAX_HOPS);
        }
    }

    @Test
    @DisplayName("a 307 without a Location fails the delivery")
    void redirectWithoutLocationFails() throws Exception {
        try (RecordingPartner partner = new RecordingPartner();
             AdapterUnderTest adapter = new AdapterUnderTest(spool, RecordingProxy.acknowledging(),
                     Map.of("followRedirects", true))) {
            partner.answer("/orders", 307, Map.of(), new byte[0]);
            TestMessage order = oneWay("m1", partner.uri("/orders"), ORDER);

            adapter.send(order);

            assertThat(adapter.proxy.next().describe()).containsExactly("RESUBMIT m1");
            assertThat(order.errorInfo()).hasMessageContaining("Location: none").hasMessageContaining("no Location");
        }
    }
}
