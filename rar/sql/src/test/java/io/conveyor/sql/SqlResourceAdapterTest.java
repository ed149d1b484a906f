package io.conveyor.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.conveyor.adapter.InvalidEndpointException;
import io.conveyor.adapter.MapPropertyBag;
import io.conveyor.adapter.PropertyBag;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The SQL connector's check of a port: a label as address, an allowed statement, a usable handler configuration. */
class SqlResourceAdapterTest {

    private final SqlResourceAdapter resourceAdapter = new SqlResourceAdapter();

    @BeforeEach
    void configure() {
        resourceAdapter.setDataSource("java:/conveyor/SampleTargetDS");
    }

    @Test
    @DisplayName("validateEndpoint accepts a label and an allowed statement with named parameters")
    void validEndpoint() {
        assertThatCode(() -> resourceAdapter.validateEndpoint("sql://orders", statement(
                "insert into orders (order_id, customer, body) values (:OrderId, :Customer, :body)")))
                .doesNotThrowAnyException();
    }

    @Test
    @DisplayName("validateEndpoint refuses the tester's FILE_READ port on field statement, saying what and why")
    void fileReadRefused() {
        InvalidEndpointException refusal = refusal("sql://hostname",
                statement("select file_read('/etc/hostname') as content"));

        assertThat(refusal.field()).isEqualTo("statement");
        assertThat(refusal).hasMessage("the statement is refused: it names file_read, which H2 uses to read or write "
                + "the server's files, link other databases, or run scripts or Java classes");
    }

    @Test
    @DisplayName("validateEndpoint refuses a second statement and a refused kind on field statement")
    void otherRefusals() {
        InvalidEndpointException twoStatements = refusal("sql://x", statement("select 1; drop table orders"));
        InvalidEndpointException script = refusal("sql://x", statement("SCRIPT TO '/tmp/dump.sql'"));

        assertThat(twoStatements.field()).isEqualTo("statement");
        assertThat(twoStatements).hasMessageStartingWith("the statement is refused: it contains ';'");
        assertThat(script.field()).isEqualTo("statement");
        assertThat(script).hasMessageStartingWith("the statement is refused: it is a SCRIPT statement");
    }

    @Test
    @DisplayName("validateEndpoint refuses a missing statement on field statement, a missing label on field address")
    void missing() {
        InvalidEndpointException noStatement = refusal("sql://x", new MapPropertyBag());
        InvalidEndpointException noAddress = refusal(" ", statement("select 1"));

        assertThat(noStatement.field()).isEqualTo("statement");
        assertThat(noStatement).hasMessage("a statement is required");
        assertThat(noAddress.field()).isEqualTo("address");
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"sql://orders", "SQL://Orders", "orders", "anything at all"})
    @DisplayName("validateEndpoint takes any non-blank address as a label: the target is the handler's datasource")
    void anyLabel(String address) {
        assertThatCode(() -> resourceAdapter.validateEndpoint(address, statement("select 1")))
                .doesNotThrowAnyException();
    }

    @Test
    @DisplayName("a null address is refused on field address with an example")
    void nullAddress() {
        InvalidEndpointException refusal = refusal(null, statement("select 1"));

        assertThat(refusal.field()).isEqualTo("address");
        assertThat(refusal).hasMessage("address is required (a label such as sql://orders)");
    }

    @Test
    @DisplayName("while dataSource is not configured every port is refused on field address, naming dataSource")
    void unconfiguredDataSource() {
        SqlResourceAdapter unconfigured = new SqlResourceAdapter();

        InvalidEndpointException refusal = catchThrowableOfType(InvalidEndpointException.class,
                () -> unconfigured.validateEndpoint("sql://orders", statement("select 1")));

        assertThat(refusal.field()).isEqualTo("address");
        assertThat(refusal).hasMessage("the SQL adapter's handler configuration is invalid: dataSource: the JNDI name "
                + "of the target XA datasource is required");
    }

    private InvalidEndpointException refusal(String address, PropertyBag endpointProperties) {
        return catchThrowableOfType(InvalidEndpointException.class,
                () -> resourceAdapter.validateEndpoint(address, endpointProperties));
    }

    private static MapPropertyBag statement(String statement) {
        return MapPropertyBag.readOnly(Map.of(SqlResourceAdapter.STATEMENT, statement));
    }
}
