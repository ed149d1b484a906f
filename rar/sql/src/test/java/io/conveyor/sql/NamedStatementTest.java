package io.conveyor.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class NamedStatementTest {

    @Test
    @DisplayName("named parameters become ? markers, in order, a name used twice listed twice")
    void parameters() {
        NamedStatement statement = NamedStatement.parse(
                "insert into orders (order_id, customer, body, copy) values (:OrderId, :Customer, :body, :body)");

        assertThat(statement.sql())
                .isEqualTo("insert into orders (order_id, customer, body, copy) values (?, ?, ?, ?)");
        assertThat(statement.parameters()).containsExactly("OrderId", "Customer", "body", "body");
    }

    @Test
    @DisplayName(":: is a PostgreSQL cast, not a parameter, even right before a name")
    void cast() {
        NamedStatement statement = NamedStatement.parse("select :Amount::numeric, created::date from t where id = :Id");

        assertThat(statement.sql()).isEqualTo("select ?::numeric, created::date from t where id = ?");
        assertThat(statement.parameters()).containsExactly("Amount", "Id");
    }

    @Test
    @DisplayName("text in string literals ('' included) and in quoted names is left alone")
    void quotedText() {
        NamedStatement statement = NamedStatement.parse(
                "select 'it''s :not', \"col:umn\", `other:one` from t where c = :Customer and t = '10:30'");

        assertThat(statement.sql())
                .isEqualTo("select 'it''s :not', \"col:umn\", `other:one` from t where c = ? and t = '10:30'");
        assertThat(statement.parameters()).containsExactly("Customer");
    }

    @Test
    @DisplayName("a colon not followed by a name stays as written (an array slice, H2's :=)")
    void lonelyColon() {
        NamedStatement statement = NamedStatement.parse("select a[1:2], b := 3 from t");

        assertThat(statement.sql()).isEqualTo("select a[1:2], b := 3 from t");
        assertThat(statement.parameters()).isEmpty();
    }

    @Test
    @DisplayName("a blank statement, or one with a quote not closed, is refused")
    void refused() {
        assertThatThrownBy(() -> NamedStatement.parse(" ")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a statement is required");
        assertThatThrownBy(() -> NamedStatement.parse(null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> NamedStatement.parse("select 'open from t where c = :Customer"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("the quote ' at character 8 is not closed");
    }
}
