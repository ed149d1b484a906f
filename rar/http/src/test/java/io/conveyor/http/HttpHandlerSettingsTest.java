package io.conveyor.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.conveyor.adapter.MapPropertyBag;
import io.conveyor.adapter.PropertyDescriptor;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The handler properties: their schema as the resource adapter declares it, and their validation. */
class HttpHandlerSettingsTest {

    @Test
    @DisplayName("maxResponseBytes is a Long handler property, 10 MiB by default")
    void maxResponseBytesDefault() {
        assertThat(new HttpResourceAdapter().metadata().handlerProperties())
                .extracting(PropertyDescriptor::name, PropertyDescriptor::type, PropertyDescriptor::defaultValue)
                .contains(tuple("maxResponseBytes", PropertyDescriptor.Type.LONG, "10485760"));
        assertThat(HttpHandlerSettings.from(new HttpResourceAdapter().handlerConfiguration()).maxResponseBytes())
                .isEqualTo(10L * 1024 * 1024);
        assertThat(HttpHandlerSettings.from(new MapPropertyBag()).maxResponseBytes()).isEqualTo(10L * 1024 * 1024);
    }

    @Test
    @DisplayName("maxResponseBytes may exceed an int, as a number or as text")
    void maxResponseBytesLarge() {
        assertThat(HttpHandlerSettings.from(MapPropertyBag.readOnly(Map.of("maxResponseBytes", 5_000_000_000L)))
                .maxResponseBytes()).isEqualTo(5_000_000_000L);
        assertThat(HttpHandlerSettings.from(MapPropertyBag.readOnly(Map.of("maxResponseBytes", " 2048 ")))
                .maxResponseBytes()).isEqualTo(2048L);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-1", "ten", "1.5"})
    @DisplayName("a maxResponseBytes that is not a positive whole number is refused, naming the property")
    void maxResponseBytesRefused(String value) {
        assertThatThrownBy(() -> HttpHandlerSettings.from(MapPropertyBag.readOnly(Map.of("maxResponseBytes", value))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("maxResponseBytes:");
    }

    @ParameterizedTest
    @ValueSource(strings = {"200-299,302", "301", "303", "307", "200-308", "300-399", "200-299, 308"})
    @DisplayName("successStatusCodes may not include a redirect (301, 302, 303, 307, 308), naming the property")
    void redirectsAreNoSuccess(String codes) {
        assertThatThrownBy(() -> HttpHandlerSettings.from(MapPropertyBag.readOnly(Map.of("successStatusCodes", codes))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("successStatusCodes:")
                .hasMessageContaining("redirect");
    }

    @Test
    @DisplayName("successStatusCodes may include 304")
    void notModifiedMayBeSuccess() {
        StatusRanges codes = HttpHandlerSettings.from(MapPropertyBag.readOnly(Map.of("successStatusCodes", "200-299,304")))
                .successStatusCodes();

        assertThat(codes.contains(304)).isTrue();
        assertThat(codes.contains(302)).isFalse();
    }

    @Test
    @DisplayName("followRedirects is a Boolean handler property, false by default, and an endpoint property")
    void followRedirectsDeclared() {
        HttpResourceAdapter resourceAdapter = new HttpResourceAdapter();

        assertThat(resourceAdapter.metadata().handlerProperties())
                .extracting(PropertyDescriptor::name, PropertyDescriptor::type, PropertyDescriptor::defaultValue)
                .contains(tuple("followRedirects", PropertyDescriptor.Type.BOOLEAN, "false"));
        assertThat(resourceAdapter.metadata().endpointProperty("followRedirects"))
                .hasValueSatisfying(p -> assertThat(p.type()).isEqualTo(PropertyDescriptor.Type.BOOLEAN));
        assertThat(HttpHandlerSettings.from(resourceAdapter.handlerConfiguration()).followRedirects()).isFalse();
    }
}
