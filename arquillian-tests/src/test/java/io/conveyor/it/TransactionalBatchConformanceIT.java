package io.conveyor.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.conveyor.adapter.CommitConfirm;
import io.conveyor.adapter.Message;
import io.conveyor.adapter.TransportBatch;
import io.conveyor.engine.messagebox.WorkItem;
import io.conveyor.engine.messagebox.WorkItemState;
import io.conveyor.it.ConveyorDeployment.ProbeType;
import io.conveyor.it.probe.Outcome;
import io.conveyor.it.probe.Probe;
import io.conveyor.it.probe.ProbeState;
import jakarta.transaction.Transaction;
import jakarta.transaction.TransactionManager;
import java.time.Duration;
import java.util.Map;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Proxy batches done under the adapter's JTA transaction (send-adapter contract §3.4 in
 * {@code docs/send-adapter-contract.md}): the MessageBox work joins the transaction (the MessageBox is an XA
 * datasource) and commits or rolls back with it. T1–T5, with the test acting as the adapter.
 */
@Tag("messagebox")
@ExtendWith(ArquillianExtension.class)
class TransactionalBatchConformanceIT extends InContainerSupport {

    private final ProbeState probe = Probe.of(ProbeType.PROBE_SINGLE.name());

    @Deployment
    static EnterpriseArchive deployment() {
        return ConveyorDeployment.ear(TransactionalBatchConformanceIT.class);
    }

    @Test
    @DisplayName("T1 the deletion done under the adapter's transaction takes effect when the adapter commits and confirms")
    void commitMakesTheDeletionFinal() throws Exception {
        Message held = hold("t1");
        TransactionManager transactions = transactionManager();
        transactions.begin();
        Transaction transaction = transactions.getTransaction();
        BatchRecorder callback = new BatchRecorder();
        TransportBatch batch = probe.proxy().getBatch(callback, null);
        batch.deleteMessage(held);
        CommitConfirm confirm = batch.done(transaction);
        transactions.suspend();
        assertThat(item(held.messageId()).state()).as("not visible outside the transaction before commit")
                .isEqualTo(WorkItemState.IN_PROCESS);
        transactions.resume(transaction);
        transactions.commit();
        confirm.confirm(transaction, true);

        eventually().until(callback::completed);
        assertThat(callback.single().status().isSuccess()).isTrue();
        assertThat(gone(held.messageId())).isTrue();
    }

    @Test
    @DisplayName("T2 T5 when the adapter aborts its transaction, the deletion done under it is rolled back: the message stays")
    void abortUndoesTheDeletion() throws Exception {
        Message held = hold("t2");
        TransactionManager transactions = transactionManager();
        transactions.begin();
        Transaction transaction = transactions.getTransaction();
        TransportBatch batch = probe.proxy().getBatch(new BatchRecorder(), null);
        batch.deleteMessage(held);
        CommitConfirm confirm = batch.done(transaction);
        transactions.rollback();
        confirm.confirm(transaction, false);

        assertThat(item(held.messageId()).state()).isEqualTo(WorkItemState.IN_PROCESS);
    }

    @Test
    @DisplayName("T3 after an abort, the disposition issued in a separate non-transactional batch takes effect")
    void dispositionAfterAbort() throws Exception {
        Message held = hold("t3", 2);
        TransactionManager transactions = transactionManager();
        transactions.begin();
        Transaction transaction = transactions.getTransaction();
        TransportBatch failed = probe.proxy().getBatch(new BatchRecorder(), null);
        failed.deleteMessage(held);
        CommitConfirm confirm = failed.done(transaction);
        transactions.rollback();
        confirm.confirm(transaction, false);

        BatchRecorder callback = new BatchRecorder();
        TransportBatch retry = probe.proxy().getBatch(callback, null);
        held.setErrorInfo(new IllegalStateException("the target system rolled back"));
        retry.resubmit(held, clock.instant().plus(Duration.ofMinutes(1)));
        retry.done();
        eventually().until(callback::completed);

        WorkItem item = item(held.messageId());
        assertThat(item.state()).isEqualTo(WorkItemState.READY);
        assertThat(item.retriesLeft()).isEqualTo(1);
        assertThat(item.errorText()).contains("rolled back");
    }

    @Test
    @DisplayName("T4 a transactional engine batch that answers true (a synchronous send) is refused as a failure of the batch")
    void synchronousTransactionalBatchRefused() {
        ProbeState batchProbe = Probe.of(ProbeType.PROBE_BATCH.name()).transactional(true);
        port("t4", ProbeType.PROBE_BATCH.name(), 0, 1);
        String id = publish("t4", "sent synchronously", Map.of("Outcome", Outcome.SEND.name())).messageId();

        eventually().until(() -> item(id).state() == WorkItemState.SUSPENDED);
        batchProbe.transactional(false);
        assertThat(item(id).errorText()).contains("T4");
    }

    private Message hold(String target) {
        return hold(target, 0);
    }

    private Message hold(String target, int retryCount) {
        port(target, ProbeType.PROBE_SINGLE.name(), retryCount, 1);
        String id = publish(target, "held", Map.of("Outcome", Outcome.HOLD.name())).messageId();
        eventually().until(() -> probe.held().containsKey(id));
        return probe.held().get(id);
    }

    private WorkItem item(String messageId) {
        return queries.message(messageId).orElseThrow().workItems().get(0);
    }

    private static TransactionManager transactionManager() throws NamingException {
        return (TransactionManager) new InitialContext().lookup("java:/TransactionManager");
    }
}
