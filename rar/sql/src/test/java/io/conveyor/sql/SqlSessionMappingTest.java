package io.conveyor.sql;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.conveyor.adapter.Message;
import io.conveyor.adapter.SystemProperties;
import io.conveyor.kit.testing.TestMessage;
import io.conveyor.kit.testing.TestMessageFactory;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** SqlSession on in-memory H2: a message's values as statement parameters, a two-way result as the JSON response. */
class SqlSessionMappingTest {

    private H2Database database;
    private SqlSession session;

    @BeforeEach
    void openDatabase() throws SQLException {
        database = new H2Database();
        database.execute("create table received (id bigint auto_increment primary key, text_value varchar(4000), "
                + "int_value integer, long_value bigint, decimal_value decimal(10, 2), double_value double precision, "
                + "flag boolean, at timestamp with time zone)");
        session = new SqlSession(database.connect(), new TestMessageFactory());
    }

    @AfterEach
    void closeDatabase() throws Exception {
        session.close();
        database.close();
    }

    @Test
    @DisplayName(":body is the body as UTF-8 text")
    void body() throws Exception {
        session.process(oneWay("insert into received (text_value) values (:body)", "<order customer=\"Müller\"/>"));

        assertThat(database.value("select text_value from received")).isEqualTo("<order customer=\"Müller\"/>");
    }

    @Test
    @DisplayName(":MessageID is the message identity, even when the context holds another MessageID")
    void messageId() throws Exception {
        session.process(oneWay("insert into received (text_value) values (:MessageID)").with("MessageID", "", "forged"));

        assertThat(database.value("select text_value from received")).isEqualTo("m1");
    }

    @Test
    @DisplayName("a property is looked up in the default namespace first, then in the engine's")
    void namespaces() throws Exception {
        TestMessage fromSystem = oneWay("insert into received (text_value) values (:SPName)")
                .with(SystemProperties.SP_NAME, SystemProperties.NAMESPACE, "orders-to-db");
        TestMessage fromDefault = oneWay("insert into received (text_value) values (:SPName)")
                .with(SystemProperties.SP_NAME, SystemProperties.NAMESPACE, "orders-to-db")
                .with("SPName", "", "publisher's");

        session.process(fromSystem);
        session.process(fromDefault);

        assertThat(database.value("select listagg(text_value, ',') within group (order by id) from received"))
                .isEqualTo("orders-to-db,publisher's");
    }

    @Test
    @DisplayName("a property of the adapter's or another namespace is not a parameter's value")
    void otherNamespacesIgnored() {
        TestMessage message = oneWay("insert into received (text_value) values (:Customer)")
                .with("Customer", SqlResourceAdapter.NAMESPACE, "adapter's")
                .with("Customer", "urn:example:other", "other");

        assertThatThrownBy(() -> session.process(message)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("parameter :Customer has no value: message m1 has no property Customer");
    }

    @Test
    @DisplayName("context values keep their types: Integer, Long, BigDecimal, Double, Boolean, and an Instant as a timestamp")
    void typedValues() throws Exception {
        Instant at = Instant.parse("2024-05-01T10:15:30.123Z");
        session.process(oneWay("insert into received (int_value, long_value, decimal_value, double_value, flag, at) "
                + "values (:Amount, :OrderId, :Total, :Rate, :Urgent, :OrderedAt)")
                .with("Amount", "", 120).with("OrderId", "", 9_000_000_001L).with("Total", "", new BigDecimal("1234.50"))
                .with("Rate", "", 0.25).with("Urgent", "", true).with("OrderedAt", "", at));

        assertThat(database.value("select int_value from received")).isEqualTo(120);
        assertThat(database.value("select long_value from received")).isEqualTo(9_000_000_001L);
        assertThat(database.value("select decimal_value from received")).isEqualTo(new BigDecimal("1234.50"));
        assertThat(database.value("select double_value from received")).isEqualTo(0.25);
        assertThat(database.value("select flag from received")).isEqualTo(true);
        assertThat(((OffsetDateTime) database.value("select at from received")).toInstant()).isEqualTo(at);
    }

    @Test
    @DisplayName("a parameter named twice is bound twice with the same value")
    void repeatedParameter() throws Exception {
        session.process(oneWay("insert into received (text_value, long_value) values (:Customer, "
                + "(select count(*) from received where text_value = :Customer))").with("Customer", "", "ACME"));

        assertThat(database.count("select count(*) from received where text_value = 'ACME' and long_value = 0")).isOne();
    }

    @Test
    @DisplayName("a parameter without a value fails the delivery naming it, and nothing is written")
    void missingParameter() throws SQLException {
        TestMessage message = oneWay("insert into received (text_value, int_value) values (:Customer, :Amount)")
                .with("Customer", "", "ACME");

        assertThatThrownBy(() -> session.process(message)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("parameter :Amount has no value: message m1 has no property Amount");
        assertThat(database.count("select count(*) from received")).isZero();
    }

    @Test
    @DisplayName("a message without a statement (a dynamic send) fails, saying dynamic SQL sends are not supported")
    void noStatement() {
        TestMessage message = new TestMessage("m1", "x");

        assertThatThrownBy(() -> session.process(message)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("message m1 names no statement (endpoint property statement); dynamic SQL sends are not supported");
    }

    @Test
    @DisplayName("a one-way port gets no response, even for a query")
    void oneWayNoResponse() throws Exception {
        assertThat(session.process(oneWay("select 1"))).isNull();
    }

    @Test
    @DisplayName("two-way, a statement without rows answers {\"updateCount\": n} as application/json, UTF-8")
    void updateCount() throws Exception {
        database.execute("insert into received (text_value) values ('a'), ('b'), ('c')");

        Message response = session.process(twoWay("update received set flag = true where text_value <> :Skip")
                .with("Skip", "", "b"));

        assertThat(body(response)).isEqualTo("{\"updateCount\":2}");
        assertThat(response.bodyPart().contentType()).isEqualTo("application/json");
        assertThat(response.bodyPart().charset()).isEqualTo("UTF-8");
        assertThat(response.bodyPartName()).isEqualTo("body");
    }

    @Test
    @DisplayName("two-way, a query answers its rows as a JSON array: labels in lower case, numbers, booleans, text and null")
    void rowsAsJson() throws Exception {
        database.execute("insert into received (text_value, int_value, decimal_value, flag) values "
                + "('Müller', 7, 12.50, true), (null, null, null, null)");

        Message response = session.process(twoWay("select text_value as \"Name\", int_value, decimal_value, flag "
                + "from received order by id"));

        assertThat(body(response)).isEqualTo("[{\"name\":\"Müller\",\"int_value\":7,\"decimal_value\":12.50,\"flag\":true},"
                + "{\"name\":null,\"int_value\":null,\"decimal_value\":null,\"flag\":null}]");
    }

    @Test
    @DisplayName("two-way, a query without rows answers an empty JSON array")
    void noRows() throws Exception {
        assertThat(body(session.process(twoWay("select text_value from received")))).isEqualTo("[]");
    }

    private static TestMessage oneWay(String statement) {
        return oneWay(statement, "");
    }

    private static TestMessage oneWay(String statement, String body) {
        return new TestMessage("m1", body).with(SqlResourceAdapter.STATEMENT, SqlResourceAdapter.NAMESPACE, statement);
    }

    private static TestMessage twoWay(String statement) {
        return oneWay(statement).with(SystemProperties.IS_SOLICIT_RESPONSE, SystemProperties.NAMESPACE, true);
    }

    private static String body(Message response) throws IOException {
        try (InputStream in = response.bodyPart().openStream()) {
            return new String(in.readAllBytes(), UTF_8);
        }
    }
}
