package io.conveyor.bench.load;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The benchmark's in-server helpers under {@code /conveyor-bench-load/}: never part of a production deployment. */
@ApplicationPath("/")
public class LoadApplication extends Application {
}
