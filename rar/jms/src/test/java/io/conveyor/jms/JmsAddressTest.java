package io.conveyor.jms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.conveyor.adapter.InvalidEndpointException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The README's JMS address forms map to the JNDI names WildFly binds; anything else is refused on field address. */
class JmsAddressTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "jms://queue/orders, java:/jms/queue/orders",
            "jms://topic/news, java:/jms/topic/news",
            "jms://java:/jms/queue/orders, java:/jms/queue/orders",
            "jms://java:jboss/exported/jms/queue/remote, java:jboss/exported/jms/queue/remote",
            "JMS://queue/orders, java:/jms/queue/orders",
            "queue/orders, java:/jms/queue/orders",
            "topic/news, java:/jms/topic/news",
            "java:/jms/queue/orders, java:/jms/queue/orders",
            "jms://queue/conveyor.sample, java:/jms/queue/conveyor.sample"})
    @DisplayName("queue/<name> and topic/<name> become java:/jms/..., a java: name is taken as is, the jms:// prefix optional in any case")
    void parsed(String address, String jndiName) throws InvalidEndpointException {
        assertThat(JmsAddress.parse(address).jndiName()).isEqualTo(jndiName);
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"jms://queue/", "jms://topic/", "jms://orders", "jms://Queue/orders", "http://queue/orders",
            "jms:/queue/orders"})
    @DisplayName("a destination that is not queue/<name>, topic/<name> or a java: JNDI name is refused on field address, quoting it")
    void refused(String address) {
        InvalidEndpointException refusal = catchThrowableOfType(InvalidEndpointException.class, () -> JmsAddress.parse(address));

        assertThat(refusal.field()).isEqualTo("address");
        assertThat(refusal).hasMessage("'" + address + "' is not jms://queue/<name>, jms://topic/<name> or jms://<JNDI name>");
    }

    @ParameterizedTest(name = "\"{0}\"")
    @NullSource
    @ValueSource(strings = {"", "  "})
    @DisplayName("a missing address is refused on field address, with an example")
    void missing(String address) {
        InvalidEndpointException refusal = catchThrowableOfType(InvalidEndpointException.class, () -> JmsAddress.parse(address));

        assertThat(refusal.field()).isEqualTo("address");
        assertThat(refusal).hasMessage("address is required, such as jms://queue/orders");
    }
}
