package io.conveyor.jms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.conveyor.adapter.Capability;
import io.conveyor.adapter.InvalidEndpointException;
import io.conveyor.adapter.MapPropertyBag;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The JMS connector's registration and its check of a port's address and messageType. */
class JmsResourceAdapterTest {

    private final JmsResourceAdapter resourceAdapter = new JmsResourceAdapter();

    @Test
    @DisplayName("the registration: JMS, alias jms://, its namespace, ordered delivery and no solicit-response")
    void registration() {
        var metadata = resourceAdapter.metadata();

        assertThat(metadata.transportType()).isEqualTo("JMS");
        assertThat(metadata.aliases()).containsExactly("jms://");
        assertThat(metadata.propertyNamespace()).isEqualTo("urn:conveyor:adapter:jms");
        assertThat(metadata.has(Capability.SUPPORTS_ORDERED_DELIVERY)).isTrue();
        assertThat(metadata.has(Capability.SUPPORTS_SOLICIT_RESPONSE)).isFalse();
        assertThat(metadata.endpointProperty("messageType")).hasValueSatisfying(p -> assertThat(p.defaultValue()).isEqualTo("TEXT"));
    }

    @ParameterizedTest(name = "messageType {0}")
    @ValueSource(strings = {"TEXT", "BYTES", "text", "Bytes"})
    @DisplayName("validateEndpoint accepts a queue address with messageType TEXT or BYTES in any case")
    void validEndpoint(String messageType) {
        assertThatCode(() -> resourceAdapter.validateEndpoint("jms://queue/orders", messageType(messageType)))
                .doesNotThrowAnyException();
    }

    @Test
    @DisplayName("validateEndpoint accepts a port without messageType, and a dynamic send's bare address")
    void defaults() {
        assertThatCode(() -> resourceAdapter.validateEndpoint("topic/news", new MapPropertyBag()))
                .doesNotThrowAnyException();
    }

    @Test
    @DisplayName("validateEndpoint refuses another messageType on field messageType")
    void otherMessageTypeRefused() {
        InvalidEndpointException refusal = catchThrowableOfType(InvalidEndpointException.class,
                () -> resourceAdapter.validateEndpoint("jms://queue/orders", messageType("MAP")));

        assertThat(refusal.field()).isEqualTo("messageType");
        assertThat(refusal).hasMessage("'MAP' is not TEXT or BYTES");
    }

    @Test
    @DisplayName("validateEndpoint refuses a malformed address on field address")
    void badAddressRefused() {
        InvalidEndpointException refusal = catchThrowableOfType(InvalidEndpointException.class,
                () -> resourceAdapter.validateEndpoint("jms://orders", messageType("TEXT")));

        assertThat(refusal.field()).isEqualTo("address");
    }

    private static MapPropertyBag messageType(String type) {
        return MapPropertyBag.readOnly(Map.of(JmsResourceAdapter.MESSAGE_TYPE, type));
    }
}
