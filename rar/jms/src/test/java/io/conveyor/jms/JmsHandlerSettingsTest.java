package io.conveyor.jms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.conveyor.adapter.MapPropertyBag;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The JMS handler configuration: its defaults, and refusals naming the property at fault. */
class JmsHandlerSettingsTest {

    @Test
    @DisplayName("an empty configuration gives java:/JmsXA and batches of 20")
    void defaults() {
        assertThat(JmsHandlerSettings.from(new MapPropertyBag())).isEqualTo(new JmsHandlerSettings("java:/JmsXA", 20));
    }

    @Test
    @DisplayName("the values set on the resource adapter are read, the JNDI name trimmed")
    void fromResourceAdapter() {
        JmsResourceAdapter resourceAdapter = new JmsResourceAdapter();
        resourceAdapter.setConnectionFactory(" java:/ConnectionFactory ");
        resourceAdapter.setBatchSize(1000);

        assertThat(JmsHandlerSettings.from(resourceAdapter.handlerConfiguration()))
                .isEqualTo(new JmsHandlerSettings("java:/ConnectionFactory", 1000));
    }

    @Test
    @DisplayName("a blank connectionFactory is refused, naming connectionFactory")
    void blankConnectionFactory() {
        assertThatThrownBy(() -> JmsHandlerSettings.from(MapPropertyBag.readOnly(Map.of("connectionFactory", " "))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("connectionFactory: the JNDI name of an XA connection factory is required");
    }

    @Test
    @DisplayName("a batchSize outside 1 to 1000 is refused, naming batchSize and the value")
    void batchSizeBounds() {
        assertThatThrownBy(() -> JmsHandlerSettings.from(MapPropertyBag.readOnly(Map.of("batchSize", 0))))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("batchSize: 0 is not between 1 and 1000");
        assertThatThrownBy(() -> JmsHandlerSettings.from(MapPropertyBag.readOnly(Map.of("batchSize", 1001))))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("batchSize: 1001 is not between 1 and 1000");
    }
}
