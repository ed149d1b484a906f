package io.conveyor.it.probe;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;

/**
 * A test resource that kills the server (as {@code kill -9} would: no shutdown hooks) when the transaction manager
 * asks it to commit, that is after every resource prepared and before the ones enlisted after it committed. It does
 * so once per message: a marker file under the server's data directory makes the commit replayed by recovery a no-op.
 */
final class HaltingXAResource implements XAResource, Serializable {

    private static final long serialVersionUID = 1L;

    private final String marker;

    HaltingXAResource(String messageId) {
        this.marker = "halted-" + messageId;
    }

    @Override
    public void commit(Xid xid, boolean onePhase) {
        Path file = Path.of(System.getProperty("jboss.server.data.dir"), marker);
        if (Files.exists(file)) {
            return;
        }
        try {
            Files.createFile(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Runtime.getRuntime().halt(137);
    }

    @Override
    public int prepare(Xid xid) {
        return XA_OK;
    }

    @Override
    public void rollback(Xid xid) {
        // nothing to undo
    }

    @Override
    public void start(Xid xid, int flags) {
        // joins without work
    }

    @Override
    public void end(Xid xid, int flags) {
        // joins without work
    }

    @Override
    public void forget(Xid xid) {
        // nothing remembered
    }

    @Override
    public Xid[] recover(int flag) {
        return new Xid[0];
    }

    @Override
    public boolean isSameRM(XAResource other) {
        return other == this;
    }

    @Override
    public int getTransactionTimeout() {
        return 0;
    }

    @Override
    public boolean setTransactionTimeout(int seconds) {
        return false;
    }
}
