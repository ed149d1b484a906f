package io.conveyor.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The origin rule of followed redirects, default ports included. */
class RedirectPolicyTest {

    private final RedirectPolicy following = new RedirectPolicy(true);

    @ParameterizedTest
    @CsvSource({
            "http://partner.example/a, http://partner.example:80/b, true",
            "https://partner.example:443/a, https://PARTNER.example/b, true",
            "http://partner.example:8080/a, http://partner.example:8080/b?x=1, true",
            "http://partner.example/a, https://partner.example/a, false",
            "https://partner.example/a, http://partner.example:443/a, false",
            "http://partner.example:8080/a, http://partner.example:8081/a, false",
            "http://partner.example/a, http://other.example/a, false"})
    @DisplayName("same origin is the same scheme, host and port, a missing port being the scheme's default")
    void sameOrigin(String first, String second, boolean same) {
        assertThat(RedirectPolicy.sameOrigin(URI.create(first), URI.create(second))).isEqualTo(same);
    }

    @Test
    @DisplayName("a relative Location is resolved against the address redirected from")
    void relativeLocation() throws IOException {
        assertThat(following.next(URI.create("https://partner.example/api/v1/orders"), 308, Optional.of("../v2/orders"), 0))
                .isEqualTo(URI.create("https://partner.example/api/v2/orders"));
    }

    @Test
    @DisplayName("a Location that is not a URL is not followed")
    void malformedLocation() {
        assertThatThrownBy(() -> following.next(URI.create("http://partner.example/a"), 307, Optional.of("http://[x"), 0))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("not a URL");
    }
}
