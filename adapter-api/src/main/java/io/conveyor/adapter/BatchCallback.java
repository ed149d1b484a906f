package io.conveyor.adapter;

import java.util.List;

/**
 * Implemented by the adapter to learn what became of a proxy batch (contract §2.11 {@code IBTBatchCallBack}).
 *
 * <p>The engine calls it once per completed batch, on an engine thread (P1, P2). When {@code status} is a failure
 * the batch was rolled back as a whole: operations whose own status is a success were innocent and should be
 * issued again in a fresh batch; failed ones should be escalated (resubmit, then next transport, then suspend:
 * §3.3, §4.4). An exception thrown from here is logged by the engine and changes nothing (P12).
 */
@FunctionalInterface
public interface BatchCallback {

    /**
     * @param status     the overall result; {@link StatusCode#isSuccess()} tells whether the batch took effect
     * @param operations one entry per operation type present in the batch, each with one status per message in
     *                   the order the operations were added (contract Appendix A.3: the list's size is the "opCount")
     * @param cookie     the cookie given to {@link TransportProxy#getBatch}
     */
    void batchComplete(StatusCode status, List<OperationStatus> operations, Object cookie);
}
