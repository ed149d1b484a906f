package io.conveyor.engine.adapters;

import io.conveyor.adapter.Capability;
import io.conveyor.adapter.SendHandler;
import io.conveyor.adapter.TransportControl;
import io.conveyor.engine.messagebox.LeaseKeeper;
import io.conveyor.engine.messagebox.ServerState;
import io.conveyor.engine.messagebox.ServerStore;
import io.conveyor.engine.runtime.EngineClock;
import io.conveyor.engine.runtime.EngineSettings;
import io.conveyor.engine.runtime.ServerIdentity;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Hosts the adapters of this server (BizTalk's host instance, send-adapter contract §1 in
 * {@code docs/send-adapter-contract.md}): one instance per transport type, created lazily when the first message for it
 * is due (L1, L2), or at start when it declares {@link Capability#INIT_TRANSMITTER_ON_SERVICE_START} (L3); terminated
 * exactly once when the application stops (L12), each within the terminate deadline (L17).
 */
@Singleton
@Startup
@DependsOn("MessageBoxMigration")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class AdapterHost {

    private static final Logger LOG = Logger.getLogger(AdapterHost.class.getName());

    private final ConcurrentMap<String, AdapterInstance> instances = new ConcurrentHashMap<>();
    /**
     * Terminations under way. A connector may stop while the engine itself stops (the server does not order the
     * modules of an application on the way down): whichever asks second waits for the same terminator, so the
     * engine's beans stay up until the adapter has drained.
     */
    private final ConcurrentMap<AdapterInstance, Thread> terminating = new ConcurrentHashMap<>();
    private volatile boolean stopped;

    @Inject
    HandlerRegistry registry;
    @Inject
    TransportProxyFactory proxies;
    @Inject
    LeaseKeeper leases;
    @Inject
    EngineClock clock;
    @Inject
    EngineSettings settings;
    @Inject
    ServerStore servers;
    @Inject
    ServerIdentity server;

    @PostConstruct
    void start() {
        settings.validate();
        discovered(registry.refresh());
    }

    /** Creates, at once, the newly deployed adapters that ask to be created at start. */
    public void discovered(Collection<SendHandler> handlers) {
        for (SendHandler handler : handlers) {
            String type = handler.metadata().transportType();
            if (handler.metadata().has(Capability.INIT_TRANSMITTER_ON_SERVICE_START) && !instances.containsKey(key(type))) {
                obtain(type);
            }
        }
    }

    /** The instance of a transport type, created if needed and possible; {@code null} if no such adapter is deployed. */
    public AdapterInstance obtain(String transportType) {
        AdapterInstance instance = instanceFor(transportType);
        if (instance == null) {
            return null;
        }
        Instant now = clock.instant();
        synchronized (instance) {
            if (instance.mayRetry(now)) {
                instance.create(proxies, now, now.plus(settings.adapterRetryDelay()));
                if (instance.state() == AdapterState.RUNNING) {
                    LOG.info(() -> "adapter " + transportType + " created (" + instance.mode() + ")");
                } else {
                    LOG.warning(() -> "adapter " + transportType + " could not be created: " + instance.status().lastError()
                            + "; its messages stay queued, next attempt in " + settings.adapterRetryDelay());
                }
            }
        }
        return instance;
    }

    /**
     * The instance of a transport type without creating the adapter; {@code null} if no such adapter is deployed. An
     * instance that does not run and was made from a connector since replaced (redeployed) gives way to a new one.
     */
    public AdapterInstance instanceFor(String transportType) {
        AdapterInstance existing = instances.get(key(transportType));
        if (existing != null && existing.state() == AdapterState.RUNNING) {
            return existing;
        }
        SendHandler handler = registry.handler(transportType).orElse(null);
        if (handler == null) {
            return existing;
        }
        if (existing != null && existing.handler() == handler) {
            return existing;
        }
        AdapterInstance fresh = new AdapterInstance(handler.metadata().transportType(), handler,
                () -> leases.inFlight(transportType), settings.claimSize());
        AdapterInstance current = existing == null ? instances.putIfAbsent(key(transportType), fresh)
                : instances.replace(key(transportType), existing, fresh) ? null : instances.get(key(transportType));
        if (current != null) {
            return current;
        }
        handler.beforeStop(() -> connectorStopping(fresh));
        return fresh;
    }

    /** The status of every deployed adapter, created or not. */
    public List<AdapterStatus> statuses() {
        return registry.refresh().stream().map(handler -> instanceFor(handler.metadata().transportType()))
                .filter(Objects::nonNull).map(AdapterInstance::status)
                .sorted(Comparator.comparing(AdapterStatus::transportType)).toList();
    }

    /**
     * Terminates every running adapter once, all at the same time, within one deadline (contract §1.5, L12, L17).
     * The leases of what the adapters hold are first extended past the deadline, so no other server takes over a
     * message while its adapter is still draining it. Then the server is recorded {@code STOPPED} in the MessageBox.
     */
    @PreDestroy
    void stop() {
        stopped = true;
        terminate(List.copyOf(instances.values()));
        try {
            servers.stop(server.id(), ServerState.STOPPED, clock.instant());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "could not record in the MessageBox that this server stopped", e);
        }
    }

    /**
     * A connector is stopping. While the engine runs (the connector undeployed or redeployed on its own), its adapter
     * is terminated first, while the connector still works, and forgotten: its queued messages wait until the
     * connector is back, and those the adapter still held when it returned from terminate are delivered again once
     * their leases run out. While the engine stops too, this waits for the engine's own termination of the adapter.
     */
    private void connectorStopping(AdapterInstance instance) {
        if (!stopped) {
            LOG.info(() -> "connector of adapter " + instance.transportType() + " is stopping: terminating its adapter first");
        }
        terminate(List.of(instance));
        if (!stopped) {
            leases.forget(instance.transportType());
            instances.remove(key(instance.transportType()), instance);
        }
    }

    private void terminate(List<AdapterInstance> stopping) {
        Duration deadline = settings.terminateDeadline();
        if (stopping.stream().anyMatch(instance -> instance.state() == AdapterState.RUNNING)) {
            try {
                leases.renew(deadline.plus(settings.leaseDuration()));
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "could not extend the leases of in-flight messages before terminating the adapters", e);
            }
        }
        Map<AdapterInstance, Thread> terminators = new LinkedHashMap<>();
        for (AdapterInstance instance : stopping) {
            Thread terminator = terminating.computeIfAbsent(instance, starting -> {
                TransportControl control = starting.beginTermination();
                return control == null ? null : startTerminator(starting, control);
            });
            if (terminator != null) {
                terminators.put(instance, terminator);
            }
        }
        long deadlineNanos = System.nanoTime() + deadline.toNanos();
        terminators.forEach((instance, terminator) -> {
            try {
                terminator.join(Math.max(1, (deadlineNanos - System.nanoTime()) / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (terminator.isAlive()) {
                LOG.severe(() -> "adapter " + instance.transportType() + " did not return from terminate within " + deadline
                        + "; giving up on it. Messages it still held will be delivered again after their leases run out.");
            } else {
                LOG.info(() -> "adapter " + instance.transportType() + " terminated");
            }
            instance.terminated();
            terminating.remove(instance, terminator);
        });
    }

    private static Thread startTerminator(AdapterInstance instance, TransportControl control) {
        Thread terminator = new Thread(() -> {
            try {
                control.terminate();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "adapter " + instance.transportType() + " threw from terminate", e);
            }
        }, "conveyor-terminate-" + instance.transportType());
        terminator.setDaemon(true);
        terminator.start();
        return terminator;
    }

    private static String key(String transportType) {
        return transportType.toUpperCase(Locale.ROOT);
    }
}
