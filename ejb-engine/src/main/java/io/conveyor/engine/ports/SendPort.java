package io.conveyor.engine.ports;

import java.time.Instant;

/** A stored send port: its identity, its definition, and when it last changed ({@code SPLastUpdatedTime}). */
public record SendPort(String id, SendPortDefinition definition, Instant updatedAt) {

    public String name() {
        return definition.name();
    }
}
