package io.conveyor.engine.dispatch;

import io.conveyor.adapter.SendHandler;
import io.conveyor.engine.adapters.HandlerRegistry;
import io.conveyor.engine.messagebox.AuditLog;
import io.conveyor.engine.messagebox.TrackingLog;
import io.conveyor.engine.messagebox.BacklogCompaction;
import io.conveyor.engine.messagebox.Delivery;
import io.conveyor.engine.messagebox.LeaseStore;
import io.conveyor.engine.messagebox.MessageBoxQueries;
import io.conveyor.engine.messagebox.MessageStore;
import io.conveyor.engine.messagebox.ServerState;
import io.conveyor.engine.messagebox.ServerStore;
import io.conveyor.engine.runtime.EngineMetrics;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Starts and stops the engine's dispatch threads: one {@link DispatchLoop} per deployed adapter, and a supervisor
 * that finds newly deployed adapters, renews the leases this server holds, and takes back deliveries that ended
 * without an outcome ({@link LeaseRecovery}): what this server held before a restart, and whatever lease ran out (a
 * server that died). It also keeps this server's {@link Membership}: registered before anything is claimed, a
 * heartbeat every {@code conveyor.cluster.heartbeatSeconds}, silent servers declared dead and their deliveries taken
 * back; at a graceful stop the server is recorded {@code STOPPING} (and {@code STOPPED} once its adapters are done). With the lease work it deletes what outlived its retention time: unfetched responses, old
 * rows of the audit trail and old message tracking events (in batches). Nothing here waits for the database at deployment: the supervisor reads what the earlier run
 * held before it starts any dispatch loop, and tries again at every poll until it can.
 */
@Singleton
@Startup
@DependsOn("AdapterHost")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class Dispatcher {

    private static final Logger LOG = Logger.getLogger(Dispatcher.class.getName());
    private static final Duration STOP_DEADLINE = Duration.ofSeconds(30);
    /** How often the maintained backlog counts are folded (see {@link BacklogCompaction}). */
    private static final Duration COMPACTION_PERIOD = Duration.ofSeconds(10);
    /** How often the backlog gauges of the metrics are read again from the maintained counts. */
    private static final Duration BACKLOG_METRICS_PERIOD = Duration.ofSeconds(5);

    private final Map<String, Running> loops = new ConcurrentHashMap<>();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private Thread supervisor;

    @Inject
    DispatchServices services;
    @Inject
    HandlerRegistry registry;
    @Inject
    MessageStore messages;
    @Inject
    LeaseStore leaseStore;
    @Inject
    ServerStore servers;
    @Inject
    BacklogCompaction backlog;
    @Inject
    MessageBoxQueries queries;
    @Inject
    EngineMetrics metrics;
    @Inject
    AuditLog audit;
    @Inject
    TrackingLog tracking;
    @Resource(lookup = "java:jboss/ee/concurrency/factory/default")
    ManagedThreadFactory threads;

    private record Running(DispatchLoop loop, Thread thread) {
    }

    @PostConstruct
    void start() {
        supervisor = threads.newThread(this::supervise);
        supervisor.setName("conveyor-dispatch-supervisor");
        supervisor.start();
    }

    @PreDestroy
    void stop() {
        Collection<Delivery> handedOff = services.handOff.close();
        stopped.countDown();
        loops.values().forEach(running -> running.loop().stop());
        join(supervisor);
        loops.values().forEach(running -> join(running.thread()));
        giveBack(handedOff);
        try {
            servers.stop(services.server.id(), ServerState.STOPPING, services.clock.instant());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "could not record in the MessageBox that this server is stopping", e);
        }
    }

    /** Deliveries handed off and not yet taken by their loop go back to the MessageBox's queue, no attempt consumed. */
    private void giveBack(Collection<Delivery> handedOff) {
        if (handedOff.isEmpty()) {
            return;
        }
        try {
            services.claims.release(List.copyOf(handedOff), services.clock.instant(), false);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, handedOff.size() + " handed-off deliveries could not be queued again; they will be "
                    + "taken back at the next start", e);
        } finally {
            services.leases.release(handedOff.stream().map(delivery -> delivery.workItem().id()).toList());
        }
    }

    private void supervise() {
        LeaseRecovery recovery = new LeaseRecovery(leaseStore, services.server.id());
        Membership membership = new Membership(servers, services.server.id());
        Instant nextLeaseWork = Instant.MIN;
        Instant nextCompaction = Instant.MIN;
        long nextBacklogMetrics = System.nanoTime();
        try {
            do {
                if (!recovery.earlierRunRead()) {
                    try {
                        recovery.readEarlierRun();
                    } catch (RuntimeException e) {
                        LOG.log(Level.WARNING, "cannot read what this server held before its last stop; trying again "
                                + "before dispatching anything", e);
                        continue;
                    }
                }
                Instant now = services.clock.instant();
                if (!membership.registered()) {
                    try {
                        membership.register(now, services.settings.heartbeatInterval());
                    } catch (RuntimeException e) {
                        LOG.log(Level.WARNING, "cannot register this server in the MessageBox; trying again before "
                                + "dispatching anything", e);
                        continue;
                    }
                }
                try {
                    membership.heartbeat(now, services.settings.heartbeatInterval(), services.settings.deadAfter(),
                            services.settings.maxInterruptions());
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "the heartbeat, or declaring silent servers dead, failed; trying again", e);
                }
                if (!now.isBefore(nextLeaseWork)) {
                    try {
                        services.leases.renew();
                        recovery.recover(now, services.settings.maxInterruptions());
                        int purged = messages.purgeUnroutedResponses(now.minus(services.settings.responseRetention()));
                        if (purged > 0) {
                            LOG.info(() -> purged + " responses nobody fetched within the retention time were deleted");
                        }
                        int forgotten = audit.purge(now.minus(services.settings.auditRetention()));
                        if (forgotten > 0) {
                            LOG.info(() -> forgotten + " audit rows older than the retention time were deleted");
                        }
                        nextLeaseWork = now.plus(services.settings.leaseDuration().dividedBy(3));
                    } catch (RuntimeException e) {
                        LOG.log(Level.WARNING, "lease renewal failed; trying again", e);
                    }
                    try {
                        long untracked = tracking.purge(now.minus(services.settings.trackingRetention()));
                        if (untracked > 0) {
                            LOG.fine(() -> untracked + " tracking events older than the retention time were deleted");
                        }
                    } catch (RuntimeException e) {
                        LOG.log(Level.WARNING, "purging message tracking failed; trying again", e);
                    }
                }
                if (!now.isBefore(nextCompaction)) {
                    try {
                        backlog.compact();
                    } catch (RuntimeException e) {
                        LOG.log(Level.WARNING, "folding the backlog counts failed; trying again", e);
                    }
                    nextCompaction = now.plus(COMPACTION_PERIOD);
                }
                if (System.nanoTime() - nextBacklogMetrics >= 0) {
                    try {
                        metrics.backlog(queries.workItemCounts());
                    } catch (RuntimeException e) {
                        LOG.log(Level.WARNING, "reading the backlog counts for the metrics failed; trying again", e);
                    }
                    nextBacklogMetrics = System.nanoTime() + BACKLOG_METRICS_PERIOD.toNanos();
                }
                try {
                    startLoops(registry.refresh());
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "looking for deployed adapters failed; trying again", e);
                }
            } while (!stopped.await(services.settings.pollInterval().toMillis(), TimeUnit.MILLISECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void startLoops(Collection<SendHandler> handlers) {
        services.host.discovered(handlers);
        for (SendHandler handler : handlers) {
            String type = handler.metadata().transportType();
            loops.computeIfAbsent(type, t -> {
                DispatchLoop loop = new DispatchLoop(t, services);
                Thread thread = threads.newThread(loop);
                thread.setName("conveyor-dispatch-" + t);
                thread.start();
                return new Running(loop, thread);
            });
        }
    }

    private static void join(Thread thread) {
        if (thread == null) {
            return;
        }
        try {
            thread.join(STOP_DEADLINE.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            LOG.warning(() -> thread.getName() + " did not stop within " + STOP_DEADLINE);
        }
    }
}
