package io.conveyor.kit;

import io.conveyor.adapter.BatchTransmitter;
import io.conveyor.adapter.HandlerConfigurable;
import io.conveyor.adapter.PropertyBag;
import io.conveyor.adapter.TransmitterBatch;
import io.conveyor.adapter.TransportControl;
import io.conveyor.adapter.TransportProxy;
import jakarta.resource.spi.work.WorkManager;
import jakarta.transaction.TransactionManager;
import java.time.Clock;
import java.time.Duration;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * Base of a batch-aware, non-blocking adapter whose every engine batch is one JTA transaction with the MessageBox
 * (contract §1.7, §3.4): the SQL and JMS connectors. At {@code done} the batch goes to the connector's WorkManager,
 * where {@link TransactionalSend} writes it to the target through the subclass's sessions and reports its outcomes
 * under the transaction. The subclass reads its handler configuration and opens sessions; this class does the rest,
 * including draining messages in flight at terminate (L8).
 *
 * @param <S> the adapter's handler settings
 */
public abstract class TransactionalTransmitter<S> implements BatchTransmitter, TransportControl, HandlerConfigurable {

    /** How long {@link #terminate()} waits for the transactions in flight. */
    public static final Duration TERMINATE_DEADLINE = Duration.ofSeconds(60);

    private final String transportType;
    private final WorkManager workManager;
    private final Clock clock;
    private final InFlightCounter inFlight = new InFlightCounter();
    private S settings;
    private TransportProxy proxy;
    private WorkQueue workQueue;
    private TransactionalSend sender;

    protected TransactionalTransmitter(String transportType, WorkManager workManager, Clock clock) {
        this.transportType = transportType;
        this.workManager = workManager;
        this.clock = clock;
    }

    /** Reads the handler configuration; throws naming the property at fault. */
    protected abstract S readSettings(PropertyBag handlerConfiguration);

    /** Most messages per engine batch, hence per transaction. */
    protected abstract int batchSize(S settings);

    /** Looks up the target and returns how to open a session on it inside the current transaction. */
    protected abstract TransactionalSend.SessionFactory sessions(S settings, InitialContext naming) throws NamingException;

    @Override
    public final void load(PropertyBag handlerConfiguration) {
        this.settings = readSettings(handlerConfiguration);
    }

    @Override
    public final void initialize(TransportProxy transportProxy) throws NamingException {
        if (settings == null) {
            throw new IllegalStateException("the " + transportType + " adapter was initialised without its handler configuration");
        }
        this.proxy = transportProxy;
        this.workQueue = new WorkQueue(workManager, transportProxy::setErrorInfo);
        InitialContext naming = new InitialContext();
        TransactionManager transactions = (TransactionManager) naming.lookup("java:/TransactionManager");
        this.sender = new TransactionalSend(transportProxy, inFlight, clock, transactions, sessions(settings, naming));
    }

    @Override
    public final TransmitterBatch getBatch() {
        return new AsyncTransmitterBatch(inFlight, batchSize(settings), batch -> workQueue.submit(() -> sender.send(batch)));
    }

    @Override
    public final void terminate() {
        if (!inFlight.terminate(TERMINATE_DEADLINE)) {
            proxy.setErrorInfo(new IllegalStateException(transportType + " adapter terminated with " + inFlight.count()
                    + " message(s) still in flight after " + TERMINATE_DEADLINE + "; they will be delivered again"));
        }
    }

    /** The proxy given at initialize, for the messages and responses a session makes. */
    protected final TransportProxy proxy() {
        return proxy;
    }
}
