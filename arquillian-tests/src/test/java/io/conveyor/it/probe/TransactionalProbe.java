package io.conveyor.it.probe;

import io.conveyor.adapter.BatchTransmitter;
import io.conveyor.adapter.Message;
import io.conveyor.adapter.SystemProperties;
import io.conveyor.adapter.TransmitterBatch;
import io.conveyor.adapter.TransportControl;
import io.conveyor.adapter.TransportProxy;
import io.conveyor.kit.AsyncTransmitterBatch;
import io.conveyor.kit.InFlightCounter;
import io.conveyor.kit.TransactionalSend;
import io.conveyor.kit.WorkQueue;
import jakarta.resource.spi.work.WorkManager;
import jakarta.transaction.TransactionManager;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;

/**
 * A transactional probe adapter built like the SQL and JMS connectors (the kit's {@link TransactionalSend}): each
 * message inserts a row into {@code probe_target} of the sample target XA datasource, and a two-way message gets a
 * response, all in one XA transaction with the MessageBox. A message's promoted {@code Fault} property injects a
 * failure inside that transaction: {@code PREPARE} enlists a resource that votes rollback in prepare,
 * {@code BAD_RESPONSE} makes a response the engine refuses after the row was written, {@code HALT_IN_COMMIT} kills
 * the server between prepare and commit (after the target's commit, before the MessageBox's).
 */
public final class TransactionalProbe implements BatchTransmitter, TransportControl {

    static final String TABLE = "probe_target";

    private final WorkManager workManager;
    private final ProbeState state;
    private final InFlightCounter inFlight = new InFlightCounter();
    private WorkQueue workQueue;
    private TransactionalSend sender;

    TransactionalProbe(WorkManager workManager, ProbeState state) {
        this.workManager = workManager;
        this.state = state;
        state.created();
    }

    @Override
    public void initialize(TransportProxy proxy) throws NamingException, SQLException {
        state.initialized(proxy);
        InitialContext naming = new InitialContext();
        DataSource target = (DataSource) naming.lookup("java:/conveyor/SampleTargetDS");
        TransactionManager transactions = (TransactionManager) naming.lookup("java:/TransactionManager");
        try (Connection connection = target.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("create table if not exists " + TABLE + " (message_id varchar(36) primary key)");
        }
        this.workQueue = new WorkQueue(workManager, proxy::setErrorInfo);
        this.sender = new TransactionalSend(proxy, inFlight, Clock.systemUTC(), transactions, () -> {
            Connection connection = target.getConnection();
            return new TransactionalSend.Session() {
                @Override
                public Message process(Message message) throws Exception {
                    return write(connection, transactions, proxy, message);
                }

                @Override
                public void close() throws SQLException {
                    connection.close();
                }
            };
        });
    }

    @Override
    public TransmitterBatch getBatch() {
        return new AsyncTransmitterBatch(inFlight, state.maxBatchSize(), batch -> workQueue.submit(() -> sender.send(batch)));
    }

    @Override
    public void terminate() {
        inFlight.terminate(java.time.Duration.ofSeconds(30));
    }

    private Message write(Connection connection, TransactionManager transactions, TransportProxy proxy, Message message)
            throws Exception {
        state.record("transmitMessage", message, 0);
        try (PreparedStatement insert = connection.prepareStatement("insert into " + TABLE + " (message_id) values (?)")) {
            insert.setString(1, message.messageId());
            insert.executeUpdate();
        }
        Object fault = message.context().read("Fault", "");
        if ("PREPARE".equals(fault)) {
            transactions.getTransaction().enlistResource(new VotingXAResource());
        }
        if ("HALT_IN_COMMIT".equals(fault)) {
            transactions.getTransaction().enlistResource(new HaltingXAResource(message.messageId()));
        }
        if (!Boolean.TRUE.equals(message.context().read(SystemProperties.IS_SOLICIT_RESPONSE, SystemProperties.NAMESPACE))) {
            return null;
        }
        Message response = proxy.messageFactory().createMessage();
        if (!"BAD_RESPONSE".equals(fault)) {
            response.addPart("body", proxy.messageFactory().createMessagePart(
                    ("written " + message.messageId()).getBytes(StandardCharsets.UTF_8), "text/plain", "UTF-8"), true);
        }
        return response;
    }
}
