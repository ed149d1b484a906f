package io.conveyor.sql;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.conveyor.adapter.Message;
import io.conveyor.adapter.SystemProperties;
import io.conveyor.kit.InFlightCounter;
import io.conveyor.kit.TransactionalSend;
import io.conveyor.kit.testing.RecordingProxy;
import io.conveyor.kit.testing.TestMessage;
import io.conveyor.kit.testing.TestMessageFactory;
import jakarta.transaction.Status;
import jakarta.transaction.Transaction;
import jakarta.transaction.TransactionManager;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Blob;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A message's statement run by {@link SqlSession} against a real in-memory H2 database, connected as its admin (as
 * the sample target datasource is), so H2's file functions work for whoever gets a statement through: the tester's
 * exploit, replayed. Every statement the session prepares is recorded, to show that a refused one never reaches H2.
 */
class SqlSessionTest {

    private static final String SECRET = "the-host-name";

    @TempDir
    Path directory;

    private Path secretFile;
    private H2Database database;
    private final List<String> prepared = new ArrayList<>();
    private SqlSession session;

    @BeforeEach
    void openDatabase() throws Exception {
        secretFile = Files.writeString(directory.resolve("hostname"), SECRET);
        database = new H2Database();
        database.execute("create table orders (order_id bigint primary key, customer varchar(64), body varchar(4000))");
        session = new SqlSession(recordingPrepares(database.connect()), new TestMessageFactory());
    }

    @AfterEach
    void closeDatabase() throws SQLException {
        database.close();
    }

    @Test
    @DisplayName("the exploit works on this database without the check: FILE_READ returns the file")
    void fileReadWorksUnchecked() throws SQLException {
        Blob content = (Blob) database.value("select file_read('" + secretFile + "') as content");

        assertThat(new String(content.getBytes(1, (int) content.length()), UTF_8)).isEqualTo(SECRET);
    }

    @Test
    @DisplayName("select file_read('<file>') is refused before it is prepared, with the policy's explanation")
    void fileReadRefusedBeforeExecution() {
        TestMessage message = twoWay("select file_read('" + secretFile + "') as content");

        assertThatThrownBy(() -> session.process(message)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the statement is refused: it names file_read, which H2 uses to read or write the server's "
                        + "files, link other databases, or run scripts or Java classes");
        assertThat(prepared).isEmpty();
    }

    @Test
    @DisplayName("a statement stored by an earlier version (two statements) is refused too, and nothing runs")
    void storedStatementRefused() throws SQLException {
        TestMessage message = oneWay("insert into orders (order_id) values (:OrderId); drop table orders")
                .with("OrderId", "", 7L);

        assertThatThrownBy(() -> session.process(message)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("the statement is refused: it contains ';'");
        assertThat(prepared).isEmpty();
        assertThat(database.count("select count(*) from orders")).isZero();
    }

    @Test
    @DisplayName("an insert with named parameters still runs: the row holds the message's properties and body")
    void insertRuns() throws Exception {
        TestMessage message = oneWay(
                "insert into orders (order_id, customer, body) values (:OrderId, :Customer, :body)",
                "<order id=\"1001\"/>").with("OrderId", "", 1001L).with("Customer", "", "ACME");

        assertThat(session.process(message)).isNull();
        assertThat(prepared).containsExactly("insert into orders (order_id, customer, body) values (?, ?, ?)");
        assertThat(database.count("select count(*) from orders where order_id = 1001 and customer = 'ACME' "
                + "and body = '<order id=\"1001\"/>'")).isOne();
    }

    @Test
    @DisplayName("a two-way select with a named parameter and a :: cast still runs and answers with its rows as JSON")
    void selectRuns() throws Exception {
        database.execute("insert into orders values (1001, 'ACME', 'x'), (1002, 'ACME', 'y'), (1003, 'Other', 'z')");
        TestMessage message = twoWay("select order_id, customer from orders where customer = :Customer "
                + "and order_id > :After::bigint order by order_id")
                .with("Customer", "", "ACME").with("After", "", "1001");

        Message response = session.process(message);

        try (InputStream body = response.bodyPart().openStream()) {
            assertThat(new String(body.readAllBytes(), UTF_8)).isEqualTo("[{\"order_id\":1002,\"customer\":\"ACME\"}]");
        }
    }

    @Test
    @DisplayName("a two-way port does not deserialize a JAVA_OBJECT column, which could run code in the server")
    void javaObjectNotDeserialized() throws IOException {
        Tripwire.tripped = false;
        TestMessage message = twoWay("select cast(X'" + HexFormat.of().formatHex(serialized(new Tripwire()))
                + "' as java_object) as payload");

        assertThatThrownBy(() -> session.process(message)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("column payload holds a serialized Java object (JAVA_OBJECT), which the SQL adapter does "
                        + "not read: deserializing it could run code in the server");
        assertThat(Tripwire.tripped).isFalse();
    }

    @Test
    @DisplayName("through the kit's TransactionalSend, a refused statement takes the failure ladder, explained")
    void refusedTakesFailureLadder() throws InterruptedException {
        RecordingProxy proxy = RecordingProxy.acknowledging();
        InFlightCounter inFlight = new InFlightCounter();
        TransactionalSend send = new TransactionalSend(proxy, inFlight, Clock.systemUTC(), new LocalTransactions(),
                () -> session);
        TestMessage message = twoWay("select file_read('" + secretFile + "') as content").retries(0, 5);
        inFlight.enter();

        send.send(List.of(message));

        assertThat(proxy.next().describe()).containsExactly("MOVE_TO_NEXT_TRANSPORT message-1");
        proxy.assertNoMoreBatches();
        assertThat(proxy.errors).isEmpty();
        assertThat(message.errorInfo()).hasMessageStartingWith("the statement is refused: it names file_read");
        assertThat(prepared).isEmpty();
        assertThat(inFlight.count()).isZero();
    }

    private TestMessage oneWay(String statement) {
        return oneWay(statement, "");
    }

    private TestMessage oneWay(String statement, String body) {
        return new TestMessage("message-1", body).with(SqlResourceAdapter.STATEMENT, SqlResourceAdapter.NAMESPACE,
                statement);
    }

    private TestMessage twoWay(String statement) {
        return oneWay(statement).with(SystemProperties.IS_SOLICIT_RESPONSE, SystemProperties.NAMESPACE, true);
    }

    private static byte[] serialized(Object object) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(object);
        }
        return bytes.toByteArray();
    }

    /** The connection, recording each statement prepared on it. */
    private Connection recordingPrepares(Connection connection) {
        return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, arguments) -> {
                    if (method.getName().equals("prepareStatement")) {
                        prepared.add((String) arguments[0]);
                    }
                    try {
                        return method.invoke(connection, arguments);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    /** A class whose deserialization is noticed, as a gadget's would not be. */
    static final class Tripwire implements Serializable {
        private static final long serialVersionUID = 1L;
        static volatile boolean tripped;

        private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
            in.defaultReadObject();
            tripped = true;
        }
    }

    /** A transaction manager with no transaction: the test database commits each statement on its own. */
    private static final class LocalTransactions implements TransactionManager {

        @Override
        public void begin() {
        }

        @Override
        public void commit() {
        }

        @Override
        public int getStatus() {
            return Status.STATUS_NO_TRANSACTION;
        }

        @Override
        public Transaction getTransaction() {
            return null;
        }

        @Override
        public void resume(Transaction transaction) {
        }

        @Override
        public void rollback() {
        }

        @Override
        public void setRollbackOnly() {
        }

        @Override
        public void setTransactionTimeout(int seconds) {
        }

        @Override
        public Transaction suspend() {
            return null;
        }
    }
}
