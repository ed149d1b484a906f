package io.conveyor.sql;

import io.conveyor.adapter.BatchTransmitter;
import io.conveyor.adapter.HandlerConfigurable;
import io.conveyor.adapter.Message;
import io.conveyor.adapter.MessageFactory;
import io.conveyor.adapter.PropertyBag;
import io.conveyor.adapter.SystemProperties;
import io.conveyor.adapter.TransmitterBatch;
import io.conveyor.adapter.TransportControl;
import io.conveyor.adapter.TransportProxy;
import io.conveyor.kit.AsyncTransmitterBatch;
import io.conveyor.kit.InFlightCounter;
import io.conveyor.kit.TransactionalSend;
import io.conveyor.kit.WorkQueue;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.resource.spi.work.WorkManager;
import jakarta.transaction.TransactionManager;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;

/**
 * The SQL adapter: batch-aware, non-blocking and transactional (contract §1.7 last rows, §3.4). At {@code done} the
 * engine batch goes to the connector's WorkManager, where the kit's {@link TransactionalSend} runs each message's
 * statement against the target XA datasource and reports the deletions (and, for two-way ports, the responses: the
 * result set as JSON) in the same JTA transaction as the MessageBox, so the rows written, the responses published
 * and the messages deleted commit together or not at all.
 */
public final class SqlTransmitter implements BatchTransmitter, TransportControl, HandlerConfigurable {

    static final Duration TERMINATE_DEADLINE = Duration.ofSeconds(60);

    private final WorkManager workManager;
    private final Clock clock;
    private final InFlightCounter inFlight = new InFlightCounter();
    private SqlHandlerSettings settings;
    private TransportProxy proxy;
    private WorkQueue workQueue;
    private TransactionalSend sender;

    public SqlTransmitter(WorkManager workManager, Clock clock) {
        this.workManager = workManager;
        this.clock = clock;
    }

    @Override
    public void load(PropertyBag handlerConfiguration) {
        this.settings = SqlHandlerSettings.from(handlerConfiguration);
    }

    @Override
    public void initialize(TransportProxy transportProxy) throws NamingException {
        if (settings == null) {
            throw new IllegalStateException("the SQL adapter was initialised without its handler configuration");
        }
        this.proxy = transportProxy;
        this.workQueue = new WorkQueue(workManager, transportProxy::setErrorInfo);
        InitialContext naming = new InitialContext();
        DataSource target = (DataSource) naming.lookup(settings.dataSource());
        TransactionManager transactions = (TransactionManager) naming.lookup("java:/TransactionManager");
        this.sender = new TransactionalSend(transportProxy, inFlight, clock, transactions, () -> {
            Connection connection = target.getConnection();
            return new TransactionalSend.Session() {
                @Override
                public Message process(Message message) throws Exception {
                    return execute(connection, message);
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
        return new AsyncTransmitterBatch(inFlight, settings.batchSize(), batch -> workQueue.submit(() -> sender.send(batch)));
    }

    @Override
    public void terminate() {
        if (!inFlight.terminate(TERMINATE_DEADLINE)) {
            proxy.setErrorInfo(new IllegalStateException("SQL adapter terminated with " + inFlight.count()
                    + " message(s) still in flight after " + TERMINATE_DEADLINE + "; they will be delivered again"));
        }
    }

    /** Runs the message's statement; for a two-way port returns the response (the result set as JSON). */
    private Message execute(Connection connection, Message message) throws SQLException, IOException {
        NamedStatement statement = NamedStatement.parse(endpointStatement(message));
        try (PreparedStatement prepared = connection.prepareStatement(statement.sql())) {
            List<String> names = statement.parameters();
            for (int i = 0; i < names.size(); i++) {
                prepared.setObject(i + 1, parameter(message, names.get(i)));
            }
            boolean hasRows = prepared.execute();
            boolean solicitResponse = Boolean.TRUE.equals(message.context()
                    .read(SystemProperties.IS_SOLICIT_RESPONSE, SystemProperties.NAMESPACE));
            if (!solicitResponse) {
                return null;
            }
            String json = hasRows ? rows(prepared.getResultSet())
                    : Json.createObjectBuilder().add("updateCount", prepared.getUpdateCount()).build().toString();
            MessageFactory factory = proxy.messageFactory();
            Message response = factory.createMessage();
            response.addPart("body", factory.createMessagePart(json.getBytes(StandardCharsets.UTF_8),
                    "application/json", "UTF-8"), true);
            return response;
        }
    }

    private static String endpointStatement(Message message) {
        Object statement = message.context().read(SqlResourceAdapter.STATEMENT, SqlResourceAdapter.NAMESPACE);
        if (statement == null) {
            throw new IllegalArgumentException("message " + message.messageId() + " names no statement (endpoint property "
                    + SqlResourceAdapter.STATEMENT + "); dynamic SQL sends are not supported");
        }
        return statement.toString();
    }

    /** A parameter's value: {@code body}, {@code MessageID}, else the message's property of that name. */
    private static Object parameter(Message message, String name) throws IOException {
        if (name.equals("body")) {
            try (InputStream in = message.bodyPart().openStream()) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        }
        if (name.equals("MessageID")) {
            return message.messageId();
        }
        Object value = message.context().read(name, "");
        if (value == null) {
            value = message.context().read(name, SystemProperties.NAMESPACE);
        }
        if (value == null) {
            throw new IllegalArgumentException("parameter :" + name + " has no value: message " + message.messageId()
                    + " has no property " + name);
        }
        return value instanceof java.time.Instant instant ? java.sql.Timestamp.from(instant) : value;
    }

    private static String rows(ResultSet rows) throws SQLException {
        ResultSetMetaData columns = rows.getMetaData();
        JsonArrayBuilder array = Json.createArrayBuilder();
        while (rows.next()) {
            JsonObjectBuilder row = Json.createObjectBuilder();
            for (int c = 1; c <= columns.getColumnCount(); c++) {
                Object value = rows.getObject(c);
                String label = columns.getColumnLabel(c).toLowerCase(java.util.Locale.ROOT);
                if (value == null) {
                    row.addNull(label);
                } else if (value instanceof Number number) {
                    row.add(label, new BigDecimal(number.toString()));
                } else if (value instanceof Boolean bool) {
                    row.add(label, bool);
                } else {
                    row.add(label, value.toString());
                }
            }
            array.add(row);
        }
        return array.build().toString();
    }
}
