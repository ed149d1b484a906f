package io.conveyor.engine.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The membership settings ({@link EngineSettings#heartbeatInterval()}, {@link EngineSettings#deadAfter()}): their
 * defaults, their ranges, and the dead-after time that must exceed the heartbeat interval, refused at start naming both
 * properties and replaced by both defaults at run time.
 */
class EngineSettingsTest {

    private static final String HEARTBEAT = "conveyor.cluster.heartbeatSeconds";
    private static final String DEAD_AFTER = "conveyor.cluster.deadAfterSeconds";

    private final EngineSettings settings = new EngineSettings();

    @AfterEach
    void clear() {
        System.clearProperty(HEARTBEAT);
        System.clearProperty(DEAD_AFTER);
    }

    @Test
    @DisplayName("defaults: a heartbeat every 5 s, dead after 30 s; values in range are taken")
    void defaultsAndValues() {
        settings.validate();
        assertThat(settings.heartbeatInterval()).isEqualTo(Duration.ofSeconds(5));
        assertThat(settings.deadAfter()).isEqualTo(Duration.ofSeconds(30));

        System.setProperty(HEARTBEAT, "2");
        System.setProperty(DEAD_AFTER, "3");
        settings.validate();
        assertThat(settings.heartbeatInterval()).isEqualTo(Duration.ofSeconds(2));
        assertThat(settings.deadAfter()).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    @DisplayName("out of range or not a number: refused at start naming the property")
    void ranges() {
        System.setProperty(HEARTBEAT, "0");
        assertThatThrownBy(settings::validate).hasMessageContaining(HEARTBEAT + "=0 is not between 1 and 300");
        System.setProperty(HEARTBEAT, "often");
        System.setProperty(DEAD_AFTER, "3601");
        assertThatThrownBy(settings::validate).hasMessageContaining(HEARTBEAT + "='often' is not a whole number")
                .hasMessageContaining(DEAD_AFTER + "=3601 is not between 2 and 3600");
    }

    @Test
    @DisplayName("a dead-after time not above the heartbeat interval: refused at start saying it must exceed it; both defaults at run time")
    void deadAfterMustExceedHeartbeat() {
        System.setProperty(HEARTBEAT, "30");
        System.setProperty(DEAD_AFTER, "30");

        assertThatThrownBy(settings::validate).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(DEAD_AFTER + "=30 must exceed " + HEARTBEAT + "=30");
        assertThat(settings.heartbeatInterval()).isEqualTo(Duration.ofSeconds(5));
        assertThat(settings.deadAfter()).isEqualTo(Duration.ofSeconds(30));
    }
}
