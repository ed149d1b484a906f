package io.conveyor.console.rest;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The REST API, under {@code /api}. Every resource delegates to the engine's service API. */
@ApplicationPath("/api")
public class ConveyorApi extends Application {
}
