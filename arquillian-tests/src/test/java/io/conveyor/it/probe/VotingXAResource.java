package io.conveyor.it.probe;

import javax.transaction.xa.XAException;
import javax.transaction.xa.Xid;

/** A test resource that joins a transaction only to vote rollback in prepare, as a failing target would. */
final class VotingXAResource extends WorklessXAResource {

    private static final long serialVersionUID = 1L;

    @Override
    public int prepare(Xid xid) throws XAException {
        throw new XAException(XAException.XA_RBROLLBACK);
    }

    @Override
    public void commit(Xid xid, boolean onePhase) throws XAException {
        throw new XAException(XAException.XA_RBROLLBACK);
    }
}
