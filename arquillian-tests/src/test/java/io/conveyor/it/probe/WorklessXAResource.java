package io.conveyor.it.probe;

import java.io.Serializable;
import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;

/**
 * A test resource that joins a transaction without work of its own; subclasses script what it does in prepare and
 * commit to put a fault exactly there.
 */
abstract class WorklessXAResource implements XAResource, Serializable {

    private static final long serialVersionUID = 1L;

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
