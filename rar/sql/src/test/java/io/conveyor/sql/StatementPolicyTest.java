package io.conveyor.sql;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class StatementPolicyTest {

    private static final String REFUSED = "the statement is refused: ";
    private static final String SAFE_KINDS = "a port may run SELECT, INSERT, UPDATE, DELETE, MERGE, WITH, VALUES, "
            + "CALL, CREATE TABLE or CREATE [UNIQUE] INDEX";
    private static final String H2_FILES =
            "H2 uses to read or write the server's files, link other databases, or run scripts or Java classes";
    private static final String PG_FILES = "PostgreSQL uses to read, write or list the server's files";
    private static final String PG_DBLINK = "PostgreSQL uses to connect to other databases";
    private static final String PG_SQL_TEXT = "PostgreSQL uses to run SQL given as text";
    private static final String PG_SERVER =
            "PostgreSQL uses to run server programs or control the server and its sessions";

    @ParameterizedTest
    @ValueSource(strings = {
            "select order_id, customer from orders where customer = :Customer",
            "SELECT :Amount::numeric AS amount, created::date FROM orders WHERE order_id = :OrderId::bigint",
            "insert into orders (order_id, customer, body) values (:OrderId, :Customer, :body)",
            "Update orders set body = :body where order_id = :OrderId",
            "delete from orders where order_id = :OrderId",
            "merge into orders key (order_id) values (:OrderId, :Customer, :body)",
            "MERGE INTO orders o USING (VALUES (:OrderId)) AS s(id) ON o.order_id = s.id "
                    + "WHEN NOT MATCHED THEN INSERT (order_id) VALUES (s.id)",
            "with recent as (select * from orders where created > :Since) select count(*) from recent",
            "WITH RECURSIVE moved (id) AS (DELETE FROM inbox WHERE id = :Id RETURNING id) "
                    + "INSERT INTO archive SELECT id FROM moved",
            "values (:OrderId, :Customer)",
            "call record_order(:OrderId, :body)",
            "create table if not exists orders (order_id bigint primary key, customer varchar(64), body varchar(4000))",
            "create index orders_customer on orders (customer)",
            "Create Unique Index orders_ref on orders (ref)",
            "(select 1) union (select 2)"
    })
    @DisplayName("each safe kind is allowed, with named parameters and PostgreSQL casts, in any case")
    void safeKinds(String statement) {
        assertThatCode(() -> StatementPolicy.check(statement)).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "insert into notes values ('FILE_READ is a word')",
            "insert into notes (text) values ('pg_read_file(''/etc/passwd''); -- /* $$ */ // U&\"x\" drop table')",
            "select * from t where note = 'it''s; fine' and id = :Id",
            "select file_reader, pg_lsn, dblinks, scripts, \"backups\", engine_name from t"
    })
    @DisplayName("text inside string literals is never inspected, and names that merely resemble refused ones pass")
    void literalsAndLookAlikes(String statement) {
        assertThatCode(() -> StatementPolicy.check(statement)).doesNotThrowAnyException();
    }

    static Stream<Arguments> otherKinds() {
        return Stream.of(
                arguments("SCRIPT TO '/tmp/dump.sql'", "SCRIPT"),
                arguments("runscript from '/tmp/evil.sql'", "RUNSCRIPT"),
                arguments("BACKUP TO '/tmp/backup.zip'", "BACKUP"),
                arguments("COPY orders TO '/tmp/orders.csv'", "COPY"),
                arguments("DO 'begin perform 1; end'", "DO"),
                arguments("SET @x = 1", "SET"),
                arguments("EXECUTE IMMEDIATE 'DROP TABLE orders'", "EXECUTE"),
                arguments("drop table orders", "DROP"),
                arguments("ALTER TABLE orders ADD COLUMN note varchar(10)", "ALTER"),
                arguments("GRANT ALL ON orders TO PUBLIC", "GRANT"),
                arguments("truncate table orders", "TRUNCATE"),
                arguments("explain select 1", "EXPLAIN"));
    }

    @ParameterizedTest
    @MethodSource
    @DisplayName("any other kind is refused, naming it and listing the kinds a port may run")
    void otherKinds(String statement, String kind) {
        assertThatThrownBy(() -> StatementPolicy.check(statement)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage(REFUSED + "it is a " + kind + " statement; " + SAFE_KINDS);
    }

    static Stream<Arguments> otherCreates() {
        return Stream.of(
                arguments("CREATE ALIAS EXEC FOR 'java.lang.Runtime.exec'", "ALIAS"),
                arguments("create trigger t before insert on orders for each row call 'com.acme.Hook'", "TRIGGER"),
                arguments("create linked table remote('org.h2.Driver', 'jdbc:h2:mem:x', 'sa', '', 'T')", "LINKED"),
                arguments("create function f() returns int language sql as 'select 1'", "FUNCTION"),
                arguments("create or replace view v as select 1", "OR"),
                arguments("create temporary table t (a int)", "TEMPORARY"));
    }

    @ParameterizedTest
    @MethodSource
    @DisplayName("CREATE may only make a table or an index: ALIAS, TRIGGER, LINKED TABLE, FUNCTION... are refused")
    void otherCreates(String statement, String what) {
        assertThatThrownBy(() -> StatementPolicy.check(statement)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage(REFUSED + "it is a CREATE " + what + " statement; CREATE may only make a table "
                        + "(CREATE TABLE) or an index (CREATE [UNIQUE] INDEX)");
    }

    @Test
    @DisplayName("WITH must lead, outside parentheses, to SELECT, INSERT, UPDATE, DELETE, MERGE or VALUES")
    void withLeadingElsewhere() {
        assertThatThrownBy(() -> StatementPolicy.check("with x as (select 1) drop table y"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(REFUSED + "its WITH is not followed by SELECT, INSERT, UPDATE, DELETE, MERGE or VALUES");
    }

    @ParameterizedTest
    @ValueSource(strings = {"'select' from t", "\"SELECT\" 1", "= 1", "(", ""})
    @DisplayName("a statement that does not begin with a keyword is refused")
    void noKeyword(String statement) {
        assertThatThrownBy(() -> StatementPolicy.check(statement)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage(REFUSED + "it does not begin with a keyword; " + SAFE_KINDS);
    }

    static Stream<Arguments> refusedNames() {
        return Stream.of(
                arguments("select file_read('/etc/hostname') as content", "file_read", H2_FILES),
                arguments("SELECT FILE_WRITE(:body, '/tmp/x')", "FILE_WRITE", H2_FILES),
                arguments("select * from csvread('/etc/passwd')", "csvread", H2_FILES),
                arguments("call csvwrite('/tmp/x.csv', 'select 1')", "csvwrite", H2_FILES),
                arguments("call link_schema('x', '', 'jdbc:h2:tcp://evil/db', 'sa', '', 'PUBLIC')", "link_schema",
                        H2_FILES),
                arguments("create table t (a int) engine \"com.acme.Engine\"", "engine", H2_FILES),
                arguments("with f as (select file_read(:Path) c) select * from f", "file_read", H2_FILES),
                arguments("insert into t select runscript from u", "runscript", H2_FILES),
                arguments("select script from t", "script", H2_FILES),
                arguments("select backup from t", "backup", H2_FILES),
                arguments("select abort_session(3)", "abort_session", "H2 uses to end other sessions"),
                arguments("select Cancel_Session(3)", "Cancel_Session", "H2 uses to end other sessions"),
                arguments("select pg_read_file('/etc/hostname')", "pg_read_file", PG_FILES),
                arguments("select pg_read_binary_file(:Path)", "pg_read_binary_file", PG_FILES),
                arguments("select * from pg_ls_dir('/')", "pg_ls_dir", PG_FILES),
                arguments("select * from pg_ls_waldir()", "pg_ls_waldir", PG_FILES),
                arguments("select * from PG_LS_TMPDIR()", "PG_LS_TMPDIR", PG_FILES),
                arguments("select * from pg_stat_file('/etc/passwd')", "pg_stat_file", PG_FILES),
                arguments("select pg_file_write('/tmp/x', :body, false)", "pg_file_write", PG_FILES),
                arguments("select pg_file_rename('/tmp/x', '/tmp/y')", "pg_file_rename", PG_FILES),
                arguments("select pg_file_unlink('/tmp/x')", "pg_file_unlink", PG_FILES),
                arguments("select * from pg_logdir_ls()", "pg_logdir_ls", PG_FILES),
                arguments("select lo_import('/etc/passwd')", "lo_import", PG_FILES),
                arguments("select lo_export(16401, '/tmp/x')", "lo_export", PG_FILES),
                arguments("select * from dblink('host=evil', 'select 1') as t(a int)", "dblink", PG_DBLINK),
                arguments("select dblink_exec('drop table orders')", "dblink_exec", PG_DBLINK),
                arguments("select query_to_xml('select 1', true, true, '')", "query_to_xml", PG_SQL_TEXT),
                arguments("select query_to_xml_and_xmlschema(:Sql, true, true, '')", "query_to_xml_and_xmlschema",
                        PG_SQL_TEXT),
                arguments("select query_to_xmlschema(:Sql, true, true, '')", "query_to_xmlschema", PG_SQL_TEXT),
                arguments("select cursor_to_xml(c, 10, true, true, '')", "cursor_to_xml", PG_SQL_TEXT),
                arguments("select table_to_xml('orders', true, true, '')", "table_to_xml", PG_SQL_TEXT),
                arguments("select schema_to_xml('public', true, true, '')", "schema_to_xml", PG_SQL_TEXT),
                arguments("select database_to_xml(true, true, '')", "database_to_xml", PG_SQL_TEXT),
                arguments("select pg_execute_server_program()", "pg_execute_server_program", PG_SERVER),
                arguments("select pg_reload_conf()", "pg_reload_conf", PG_SERVER),
                arguments("select pg_rotate_logfile()", "pg_rotate_logfile", PG_SERVER),
                arguments("select pg_promote()", "pg_promote", PG_SERVER),
                arguments("select pg_terminate_backend(:Pid)", "pg_terminate_backend", PG_SERVER),
                arguments("select pg_cancel_backend(:Pid)", "pg_cancel_backend", PG_SERVER),
                arguments("select set_config('log_statement', 'none', false)", "set_config", PG_SERVER));
    }

    @ParameterizedTest
    @MethodSource
    @DisplayName("H2's and PostgreSQL's dangerous names are refused wherever they appear, with their reason")
    void refusedNames(String statement, String name, String reason) {
        assertThatThrownBy(() -> StatementPolicy.check(statement)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage(REFUSED + "it names " + name + ", which " + reason);
    }

    static Stream<Arguments> disguisedNames() {
        return Stream.of(
                arguments("select \"FILE_READ\"('/etc/hostname')", "\"FILE_READ\"", H2_FILES),
                arguments("select \"file_read\"('/etc/hostname')", "\"file_read\"", H2_FILES),
                arguments("select public.file_read('/etc/hostname')", "file_read", H2_FILES),
                arguments("select \"PUBLIC\".\"FILE_READ\"('/etc/hostname')", "\"FILE_READ\"", H2_FILES),
                arguments("select `FILE_READ`('/etc/hostname')", "`FILE_READ`", H2_FILES),
                arguments("select FiLe_ReAd('/etc/hostname')", "FiLe_ReAd", H2_FILES),
                arguments("select f\u0131le_read('/etc/hostname')", "f\u0131le_read", H2_FILES),
                arguments("select pg_catalog.pg_read_file('/etc/hostname')", "pg_read_file", PG_FILES),
                arguments("select \"pg_catalog\".\"pg_read_file\"('/etc/hostname')", "\"pg_read_file\"", PG_FILES));
    }

    @ParameterizedTest
    @MethodSource
    @DisplayName("quoted, schema-qualified and mixed-case names are refused all the same, even with the dotless i H2 "
            + "upper-cases to I")
    void disguisedNames(String statement, String written, String reason) {
        assertThatThrownBy(() -> StatementPolicy.check(statement)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage(REFUSED + "it names " + written + ", which " + reason);
    }

    @ParameterizedTest
    @ValueSource(strings = {"select 1; drop table orders", "insert into t values (:body);", "select 1;"})
    @DisplayName("';' outside a string literal is refused: exactly one statement, not even a trailing separator")
    void semicolons(String statement) {
        assertThatThrownBy(() -> StatementPolicy.check(statement)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage(REFUSED + "it contains ';': a port runs exactly one statement, so no separator is allowed, "
                        + "not even a trailing one");
    }

    static Stream<Arguments> comments() {
        return Stream.of(
                arguments("select 1 -- a note", "--"),
                arguments("select /* a note */ 1", "/*"),
                arguments("select 1 // H2 reads this as a comment", "//"),
                arguments("select 1 --'\n, file_read('/etc/hostname')", "--"));
    }

    @ParameterizedTest
    @MethodSource
    @DisplayName("comments are refused, so that nothing in the statement is hidden from the check")
    void comments(String statement, String opening) {
        assertThatThrownBy(() -> StatementPolicy.check(statement)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage(REFUSED + "it contains a comment (" + opening + "): comments are not allowed, so that "
                        + "nothing in the statement is hidden from this check");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "select $$FILE_READ$$", "select * from t where id = $1", "do $body$ begin perform 1; end $body$",
            "select a$b from t"
    })
    @DisplayName("'$' outside a string literal is refused: PostgreSQL's dollar quoting and positional parameters")
    void dollars(String statement) {
        assertThatThrownBy(() -> StatementPolicy.check(statement)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage(REFUSED + "it contains '$' outside a string literal: PostgreSQL reads it as dollar quoting "
                        + "or as a positional parameter; use named parameters such as :body");
    }

    static Stream<Arguments> unicodeEscapes() {
        return Stream.of(
                arguments("select U&\"\\0046ILE_READ\"('/etc/hostname')", "U&\""),
                arguments("select u&'\\0041' from t", "u&'"));
    }

    @ParameterizedTest
    @MethodSource
    @DisplayName("U&\"...\" and U&'...' are refused: Unicode escapes could spell a refused name")
    void unicodeEscapes(String statement, String opening) {
        assertThatThrownBy(() -> StatementPolicy.check(statement)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage(REFUSED + "it contains " + opening + "...: Unicode escapes could spell a refused name "
                        + "without writing it");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "select E'\\'' as a, pg_read_file(chr(47) || 'etc' || chr(47) || 'hostname') as b, E'\\'' as c",
            "select 'C:\\temp' from t", "select \"a\\b\" from t"
    })
    @DisplayName("a backslash inside quotes is refused: a PostgreSQL E'...' string could end elsewhere than it seems")
    void backslashes(String statement) {
        assertThatThrownBy(() -> StatementPolicy.check(statement)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage(REFUSED + "it has a backslash inside quotes: some databases read it as an escape "
                        + "(PostgreSQL's E'...' strings), so this check could not tell where the quoted text ends");
    }

    @Test
    @DisplayName("a quote left open is refused, as NamedStatement refuses it")
    void unclosedQuote() {
        assertThatThrownBy(() -> StatementPolicy.check("select 'open"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("the quote ' at character 8 is not closed");
    }
}
