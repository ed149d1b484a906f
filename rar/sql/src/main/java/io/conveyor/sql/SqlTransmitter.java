package io.conveyor.sql;

import io.conveyor.adapter.Message;
import io.conveyor.adapter.MessageFactory;
import io.conveyor.adapter.PropertyBag;
import io.conveyor.adapter.SystemProperties;
import io.conveyor.kit.TransactionalSend;
import io.conveyor.kit.TransactionalTransmitter;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.spi.JsonProvider;
import jakarta.resource.spi.work.WorkManager;
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
public final class SqlTransmitter extends TransactionalTransmitter<SqlHandlerSettings> {

    /** Looked up once: {@code Json.createXxx} looks the provider up on every call. */
    private static final JsonProvider JSON = JsonProvider.provider();

    public SqlTransmitter(WorkManager workManager, Clock clock) {
        super("SQL", workManager, clock);
    }

    @Override
    protected SqlHandlerSettings readSettings(PropertyBag handlerConfiguration) {
        return SqlHandlerSettings.from(handlerConfiguration);
    }

    @Override
    protected int batchSize(SqlHandlerSettings settings) {
        return settings.batchSize();
    }

    @Override
    protected TransactionalSend.SessionFactory sessions(SqlHandlerSettings settings, InitialContext naming)
            throws NamingException {
        DataSource target = (DataSource) naming.lookup(settings.dataSource());
        return () -> {
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
        };
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
                    : JSON.createObjectBuilder().add("updateCount", prepared.getUpdateCount()).build().toString();
            MessageFactory factory = proxy().messageFactory();
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
        JsonArrayBuilder array = JSON.createArrayBuilder();
        while (rows.next()) {
            JsonObjectBuilder row = JSON.createObjectBuilder();
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
