package io.conveyor.it.probe;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The registry of probe transport types: {@code Probe.of("PROBE_SINGLE")} scripts and inspects that adapter. */
public final class Probe {

    private static final Map<String, ProbeState> STATES = new ConcurrentHashMap<>();

    private Probe() {
    }

    public static ProbeState of(String transportType) {
        return STATES.computeIfAbsent(transportType.toUpperCase(Locale.ROOT), ProbeState::new);
    }

    /** Puts every probe back on its default script (each message's {@code Outcome} property): done after each test. */
    public static void resetScripts() {
        STATES.values().forEach(ProbeState::byScenario);
    }
}
