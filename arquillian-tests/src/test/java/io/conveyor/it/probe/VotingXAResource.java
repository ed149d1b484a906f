package io.conveyor.it.probe;

import java.io.Serializable;
import javax.transaction.xa.XAException;
import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;

/** A test resource that joins a transaction only to vote rollback in prepare, as a failing target would. */
final class VotingXAResource implements XAResource, Serializable {

    private static final long serialVersionUID = 1L;

    @Override
    public int prepare(Xid xid) throws XAException {
        throw new XAException(XAException.XA_RBROLLBACK);
    }

    @Override
    public void commit(Xid xid, boolean onePhase) throws XAException {
        throw new XAException(XAException.XA_RBROLLBACK);
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
