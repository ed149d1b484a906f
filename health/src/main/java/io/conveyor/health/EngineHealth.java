package io.conveyor.health;

import java.util.Map;

/**
 * What the health checks need to know of the engine, answered by the engine's EJB bound at {@link #JNDI_NAME}.
 */
public interface EngineHealth {

    /** Where the engine binds its implementation (the EAR is deployed as {@code conveyor.ear}). */
    String JNDI_NAME = "java:global/conveyor/conveyor-engine/EngineHealthService!io.conveyor.health.EngineHealth";

    /**
     * The MessageBox's database product name, once a pooled connection has been confirmed valid within
     * {@code timeoutSeconds}.
     *
     * @throws IllegalStateException with the reason when it does not answer
     */
    String messageBoxDatabase(int timeoutSeconds);

    /** Each deployed adapter's state ({@code NOT_CREATED}, {@code STARTED}, {@code FAILED}, ...) by transport type. */
    Map<String, String> adapterStates();

    /** How many messages the suspended queue holds, resumable or not. */
    long suspendedCount();

    /** The threshold above which the suspended queue is reported down: {@code conveyor.health.maxSuspended}. */
    long maxSuspended();
}
