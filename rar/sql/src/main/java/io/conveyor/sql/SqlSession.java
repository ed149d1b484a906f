package io.conveyor.sql;

import io.conveyor.adapter.Message;
import io.conveyor.adapter.MessageFactory;
import io.conveyor.adapter.SystemProperties;
import io.conveyor.kit.TransactionalSend;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.spi.JsonProvider;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * One transaction's work on the target database: runs each message's statement on a connection enlisted in the
 * transaction and, for a two-way port, makes the response (the result set as JSON). Kept apart from
 * {@link SqlTransmitter}, which only looks the datasource up, so that it can run against any JDBC connection.
 */
final class SqlSession implements TransactionalSend.Session {

    /** Looked up once: {@code Json.createXxx} looks the provider up on every call. */
    private static final JsonProvider JSON = JsonProvider.provider();

    private final Connection connection;
    private final MessageFactory messageFactory;

    SqlSession(Connection connection, MessageFactory messageFactory) {
        this.connection = connection;
        this.messageFactory = messageFactory;
    }

    /**
     * Runs the message's statement, once {@link StatementPolicy} allows it (a port saved by an earlier version may
     * hold anything); for a two-way port returns the response (the result set as JSON).
     *
     * @throws IllegalArgumentException when the statement is refused, so the message takes the failure ladder
     */
    @Override
    public Message process(Message message) throws SQLException, IOException {
        String text = endpointStatement(message);
        NamedStatement statement = NamedStatement.parse(text);
        StatementPolicy.check(text);
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
            Message response = messageFactory.createMessage();
            response.addPart("body", messageFactory.createMessagePart(json.getBytes(StandardCharsets.UTF_8),
                    "application/json", "UTF-8"), true);
            return response;
        }
    }

    @Override
    public void close() throws SQLException {
        connection.close();
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
        return value instanceof Instant instant ? Timestamp.from(instant) : value;
    }

    /**
     * The rows as a JSON array of objects, each column under its label in lower case.
     *
     * @throws IllegalArgumentException for a column of serialized Java objects: reading one deserializes it (H2 does),
     *                                  which can run code in the server whoever wrote the statement
     */
    private static String rows(ResultSet rows) throws SQLException {
        ResultSetMetaData columns = rows.getMetaData();
        for (int c = 1; c <= columns.getColumnCount(); c++) {
            if (columns.getColumnType(c) == Types.JAVA_OBJECT) {
                throw new IllegalArgumentException("column " + columns.getColumnLabel(c).toLowerCase(Locale.ROOT)
                        + " holds a serialized Java object (JAVA_OBJECT), which the SQL adapter does not read: "
                        + "deserializing it could run code in the server");
            }
        }
        JsonArrayBuilder array = JSON.createArrayBuilder();
        while (rows.next()) {
            JsonObjectBuilder row = JSON.createObjectBuilder();
            for (int c = 1; c <= columns.getColumnCount(); c++) {
                Object value = rows.getObject(c);
                String label = columns.getColumnLabel(c).toLowerCase(Locale.ROOT);
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
