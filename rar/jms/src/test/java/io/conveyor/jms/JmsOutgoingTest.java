package io.conveyor.jms;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import io.conveyor.adapter.SystemProperties;
import io.conveyor.kit.testing.TestMessage;
import io.conveyor.kit.testing.TestPart;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.OptionalLong;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** What the JMS adapter sends for a message: its destination, the body as text or bytes, the typed JMS properties. */
class JmsOutgoingTest {

    private static final String NAMESPACE = JmsResourceAdapter.NAMESPACE;

    @Test
    @DisplayName("the destination is the message's OutboundTransportLocation, parsed: jms://queue/orders is java:/jms/queue/orders")
    void destination() throws Exception {
        TestMessage message = new TestMessage("m1", "x").address("jms://queue/orders");

        assertThat(JmsOutgoing.address(message).jndiName()).isEqualTo("java:/jms/queue/orders");
    }

    @Test
    @DisplayName("a message of a two-way port is refused before its address is read: the adapter is one-way")
    void twoWayRefused() {
        TestMessage message = new TestMessage("m1", "x").address("jms://queue/orders")
                .with(SystemProperties.IS_SOLICIT_RESPONSE, SystemProperties.NAMESPACE, true);

        assertThatThrownBy(() -> JmsOutgoing.address(message)).isInstanceOf(IllegalStateException.class)
                .hasMessage("the JMS adapter is one-way; it cannot serve a two-way port");
    }

    @Test
    @DisplayName("without messageType the body is text, decoded as UTF-8 when its part names no charset")
    void textByDefault() throws Exception {
        JmsOutgoing outgoing = JmsOutgoing.of(new TestMessage("m1", "<order customer=\"Müller\"/>"));

        assertThat(outgoing.text()).isEqualTo("<order customer=\"Müller\"/>");
        assertThat(outgoing.bytes()).isNull();
    }

    @Test
    @DisplayName("a text body is decoded with its part's charset: ISO-8859-1 bytes arrive as the same characters")
    void textWithCharset() throws Exception {
        byte[] latin1 = "Müller".getBytes(ISO_8859_1);
        TestMessage message = new TestMessage("m1", new TestPart(() -> new ByteArrayInputStream(latin1), "text/plain",
                "ISO-8859-1", OptionalLong.of(latin1.length))).with(JmsResourceAdapter.MESSAGE_TYPE, NAMESPACE, "TEXT");

        assertThat(JmsOutgoing.of(message).text()).isEqualTo("Müller");
    }

    @Test
    @DisplayName("messageType BYTES, in any case, sends the body's bytes untouched")
    void bytes() throws Exception {
        TestMessage message = new TestMessage("m1", "Müller").with(JmsResourceAdapter.MESSAGE_TYPE, NAMESPACE, "bytes");

        JmsOutgoing outgoing = JmsOutgoing.of(message);

        assertThat(outgoing.bytes()).isEqualTo("Müller".getBytes(UTF_8));
        assertThat(outgoing.text()).isNull();
    }

    @Test
    @DisplayName("the properties are ConveyorMessageId, then each promoted property of the default namespace, in context order")
    void properties() throws Exception {
        TestMessage message = new TestMessage("m1", "x")
                .promoted("Customer", "", "ACME")
                .promoted("Amount", "", 120)
                .promoted("Priority", "", 5L)
                .promoted("Rate", "", 0.25)
                .promoted("Urgent", "", true);

        assertThat(JmsOutgoing.of(message).properties()).containsExactly(
                entry("ConveyorMessageId", "m1"),
                entry("Customer", "ACME"),
                entry("Amount", 120),
                entry("Priority", 5L),
                entry("Rate", 0.25),
                entry("Urgent", true));
    }

    @Test
    @DisplayName("a BigDecimal or an Instant travels as its text, since JMS has no such property type")
    void textValues() throws Exception {
        TestMessage message = new TestMessage("m1", "x")
                .promoted("Total", "", new BigDecimal("1234.50"))
                .promoted("OrderedAt", "", Instant.parse("2024-05-01T10:15:30Z"));

        assertThat(JmsOutgoing.of(message).properties())
                .containsEntry("Total", "1234.50")
                .containsEntry("OrderedAt", "2024-05-01T10:15:30Z");
    }

    @Test
    @DisplayName("a '-' in a property name becomes '_', which a JMS selector can name")
    void dashesReplaced() throws Exception {
        TestMessage message = new TestMessage("m1", "x").promoted("Order-Type", "", "rush");

        assertThat(JmsOutgoing.of(message).properties()).containsEntry("Order_Type", "rush").doesNotContainKey("Order-Type");
    }

    @Test
    @DisplayName("properties written but not promoted, or promoted in another namespace (system, adapter's), are not sent")
    void onlyPromotedDefaultNamespace() throws Exception {
        TestMessage message = new TestMessage("m1", "x").address("jms://queue/orders")
                .with("Written", "", "no")
                .promoted("Elsewhere", "urn:example:other", "no")
                .promoted(JmsResourceAdapter.MESSAGE_TYPE, NAMESPACE, "TEXT")
                .promoted("Customer", "", "ACME");

        assertThat(JmsOutgoing.of(message).properties()).containsOnlyKeys("ConveyorMessageId", "Customer");
    }

    @Test
    @DisplayName("a promoted property named ConveyorMessageId does not replace the message identity receivers rely on")
    void identityNotReplaced() throws Exception {
        TestMessage message = new TestMessage("m1", "x").promoted("ConveyorMessageId", "", "forged");

        assertThat(JmsOutgoing.of(message).properties()).containsEntry("ConveyorMessageId", "m1").hasSize(1);
    }
}
