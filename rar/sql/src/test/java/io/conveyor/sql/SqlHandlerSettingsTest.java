package io.conveyor.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.conveyor.adapter.MapPropertyBag;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The SQL handler configuration: a required datasource, batches of 20 by default, refusals naming the property. */
class SqlHandlerSettingsTest {

    @Test
    @DisplayName("the values set on the resource adapter are read, the JNDI name trimmed, the batch size defaulting to 20")
    void fromResourceAdapter() {
        SqlResourceAdapter resourceAdapter = new SqlResourceAdapter();
        resourceAdapter.setDataSource(" java:/conveyor/SampleTargetDS ");

        assertThat(SqlHandlerSettings.from(resourceAdapter.handlerConfiguration()))
                .isEqualTo(new SqlHandlerSettings("java:/conveyor/SampleTargetDS", 20));
    }

    @Test
    @DisplayName("a missing or blank dataSource is refused, naming dataSource")
    void dataSourceRequired() {
        assertThatThrownBy(() -> SqlHandlerSettings.from(new MapPropertyBag()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("dataSource: the JNDI name of the target XA datasource is required");
        assertThatThrownBy(() -> SqlHandlerSettings.from(MapPropertyBag.readOnly(Map.of("dataSource", "  "))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("dataSource: ");
    }

    @Test
    @DisplayName("a batchSize outside 1 to 1000 is refused, naming batchSize and the value; the bounds themselves pass")
    void batchSizeBounds() {
        assertThat(SqlHandlerSettings.from(settings(1)).batchSize()).isEqualTo(1);
        assertThat(SqlHandlerSettings.from(settings(1000)).batchSize()).isEqualTo(1000);
        assertThatThrownBy(() -> SqlHandlerSettings.from(settings(0)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("batchSize: 0 is not between 1 and 1000");
        assertThatThrownBy(() -> SqlHandlerSettings.from(settings(1001)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("batchSize: 1001 is not between 1 and 1000");
    }

    private static MapPropertyBag settings(int batchSize) {
        return MapPropertyBag.readOnly(Map.of("dataSource", "java:/ds", "batchSize", batchSize));
    }
}
