package io.conveyor.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.conveyor.adapter.InvalidEndpointException;
import io.conveyor.adapter.MapPropertyBag;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Send port addresses and endpoint properties, as validateEndpoint checks them when a port is saved. */
class HttpEndpointTest {

    private final HttpResourceAdapter resourceAdapter = new HttpResourceAdapter();

    @Test
    @DisplayName("an http:// or https:// address with a host is accepted")
    void plainAddressAccepted() throws Exception {
        resourceAdapter.validateEndpoint("http://partner.example:8080/orders?x=1", new MapPropertyBag());
        resourceAdapter.validateEndpoint("https://partner.example/orders", new MapPropertyBag());
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://user:s3cret@partner.example/orders", "https://user@partner.example/",
            "http://user:s3cr et@partner.example/", "http://us@er:s3cret@partner.example/"})
    @DisplayName("credentials in the address are refused on field address, without repeating the password")
    void credentialsInAddressRefused(String address) {
        assertThatThrownBy(() -> resourceAdapter.validateEndpoint(address, new MapPropertyBag()))
                .isInstanceOfSatisfying(InvalidEndpointException.class, e -> {
                    assertThat(e.field()).isEqualTo("address");
                    assertThat(e).hasMessageContaining("username and password properties")
                            .hasMessageNotContaining("s3cr");
                });
    }

    @Test
    @DisplayName("an @ in the path or query is no credential")
    void atSignOutsideAuthorityAccepted() throws Exception {
        resourceAdapter.validateEndpoint("http://partner.example/users/a@b?mail=c@d", new MapPropertyBag());
    }
}
