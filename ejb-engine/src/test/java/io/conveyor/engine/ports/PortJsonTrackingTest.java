package io.conveyor.engine.ports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.conveyor.engine.api.ValidationException;
import io.conveyor.engine.messagebox.TrackingLevel;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A send port's {@code tracking} field in its JSON form (REST API, bindings file, MessageBox): {@code EVENTS} when
 * absent, case-insensitive, refused naming the field (with its path in a bindings file) when not a level, and
 * written back so an export and import keep it.
 */
class PortJsonTrackingTest {

    private static JsonObjectBuilder port() {
        return Json.createObjectBuilder().add("name", "orders").add("filter", "A = 1")
                .add("primaryTransport", Json.createObjectBuilder().add("adapter", "FILE").add("address", "file:///tmp/x"));
    }

    @Test
    @DisplayName("absent: EVENTS; given in any case: that level; written back as given")
    void readAndWritten() {
        assertThat(PortJson.read(port().build(), "").tracking()).isEqualTo(TrackingLevel.EVENTS);
        SendPortDefinition off = PortJson.read(port().add("tracking", "off").build(), "");
        assertThat(off.tracking()).isEqualTo(TrackingLevel.OFF);
        JsonObject written = PortJson.write(off);
        assertThat(written.getString("tracking")).isEqualTo("OFF");
        assertThat(PortJson.read(written, "").tracking()).isEqualTo(TrackingLevel.OFF);
        assertThat(off.withState(PortState.STOPPED).tracking()).as("kept by a change of state").isEqualTo(TrackingLevel.OFF);
    }

    @Test
    @DisplayName("not a level, or not a string: refused naming the field and its path")
    void refused() {
        assertThatThrownBy(() -> PortJson.read(port().add("tracking", "SOMETIMES").build(), "sendPorts[1]."))
                .isInstanceOfSatisfying(ValidationException.class, e -> {
                    assertThat(e.field()).isEqualTo("sendPorts[1].tracking");
                    assertThat(e.getMessage()).contains("OFF", "EVENTS");
                });
        assertThatThrownBy(() -> PortJson.read(port().add("tracking", 1).build(), ""))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("tracking"));
    }
}
