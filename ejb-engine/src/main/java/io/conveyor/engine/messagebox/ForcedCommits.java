package io.conveyor.engine.messagebox;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Makes committed publications durable before they are acknowledged, on the embedded H2 MessageBox. H2 writes each
 * commit to the operating system without forcing it to the disk, so a power cut could take back an acknowledged
 * publication; here a publisher waits, after its commit, for an H2 {@code CHECKPOINT SYNC} that started after it.
 * One sync serves every publisher waiting when it starts (a group commit of the disk's), on a thread of its own.
 * PostgreSQL forces its commits itself ({@code synchronous_commit}): there, and with
 * {@code conveyor.messagebox.forceCommits=false}, nothing waits.
 */
@ApplicationScoped
public class ForcedCommits {

    /** System property that turns forcing off on H2 (a power cut may then take back acknowledged publications). */
    public static final String SETTING = "conveyor.messagebox.forceCommits";

    private static final Logger LOG = Logger.getLogger(ForcedCommits.class.getName());

    @Resource(lookup = MessageBoxDataSource.JNDI_NAME)
    private DataSource dataSource;
    @Resource(lookup = "java:jboss/ee/concurrency/factory/default")
    private ManagedThreadFactory threads;
    @Inject
    MessageBoxMigration schema;

    private final Object lock = new Object();
    /** Syncs asked for: a waiter needs the one after the last asked for when it came. */
    private long asked;
    /** Syncs completed. */
    private long completed;
    /** The waiters the last failed sync should have served: from, through (inclusive); none when from is 0. */
    private long failedFrom;
    private long failedThrough;
    private Thread syncer;
    private boolean stopped;

    /**
     * Returns once everything this thread committed before the call is on disk: at once on PostgreSQL or when forcing
     * is off, else after the next H2 sync.
     *
     * @throws MessageBoxException when the MessageBox cannot be forced (the commit itself stands)
     */
    public void awaitForced() {
        if (!schema.vendor().equals("h2") || !Boolean.parseBoolean(System.getProperty(SETTING, "true"))) {
            return;
        }
        synchronized (lock) {
            long needed = ++asked;
            startSyncer();
            lock.notifyAll();
            while (completed < needed) {
                if (stopped) {
                    throw new MessageBoxException("the MessageBox is closing; the commit could not be forced to disk",
                            new SQLException("stopped"));
                }
                try {
                    lock.wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new MessageBoxException("interrupted while the commit was forced to disk",
                            new SQLException(e));
                }
            }
            if (needed >= failedFrom && needed <= failedThrough) {
                throw new MessageBoxException("the commit could not be forced to disk (see the server log)",
                        new SQLException("checkpoint sync failed"));
            }
        }
    }

    private void startSyncer() {
        if (syncer == null) {
            syncer = threads.newThread(this::syncWhileAsked);
            syncer.setName("conveyor-messagebox-sync");
            syncer.start();
        }
    }

    /** Runs syncs as long as some are asked for: each serves every waiter that asked before it started. */
    private void syncWhileAsked() {
        while (true) {
            long target;
            synchronized (lock) {
                while (completed == asked && !stopped) {
                    try {
                        lock.wait();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                if (stopped) {
                    return;
                }
                target = asked;
            }
            boolean forced = sync();
            synchronized (lock) {
                if (!forced) {
                    failedFrom = completed + 1;
                    failedThrough = target;
                }
                completed = target;
                lock.notifyAll();
            }
        }
    }

    private boolean sync() {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("checkpoint sync");
            return true;
        } catch (SQLException e) {
            LOG.log(Level.SEVERE, "the MessageBox could not be forced to disk: the publications waiting for it are "
                    + "refused, though committed", e);
            return false;
        }
    }

    @PreDestroy
    void stop() {
        synchronized (lock) {
            stopped = true;
            lock.notifyAll();
        }
    }
}
