package io.conveyor.health;

import javax.naming.InitialContext;
import javax.naming.NamingException;

/** Finds the engine's {@link EngineHealth} at each check, so a check made while the engine is not deployed says so. */
final class Engine {

    private Engine() {
    }

    static EngineHealth health() {
        try {
            return InitialContext.doLookup(EngineHealth.JNDI_NAME);
        } catch (NamingException e) {
            throw new IllegalStateException("the engine is not deployed (" + EngineHealth.JNDI_NAME + ")", e);
        }
    }
}
