package io.conveyor.sql;

import io.conveyor.sql.SqlToken.Kind;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What a port's statement may do, checked when the port is saved and again before each execution: exactly one
 * statement of a safe kind (SELECT, INSERT, UPDATE, DELETE, MERGE, WITH, VALUES, CALL, CREATE TABLE,
 * CREATE [UNIQUE] INDEX), with nothing hidden from the check, naming none of the H2 or PostgreSQL functions and
 * clauses that reach the server's files, other databases, server processes, or run SQL or Java given as text. Anyone
 * who can reach the REST API can define a port, so without it a port could read the server's files. It is a safety
 * net, not the security boundary: that is a target datasource whose database user has only the rights the
 * integration needs. The connector README ("What a statement may do") gives the rules and their reasons.
 */
final class StatementPolicy {

    private static final Set<String> SAFE_KINDS =
            Set.of("SELECT", "INSERT", "UPDATE", "DELETE", "MERGE", "VALUES", "CALL");
    /** What may follow the common table expressions of a WITH. */
    private static final Set<String> AFTER_WITH = Set.of("SELECT", "INSERT", "UPDATE", "DELETE", "MERGE", "VALUES");
    private static final String SAFE_KINDS_TEXT =
            "SELECT, INSERT, UPDATE, DELETE, MERGE, WITH, VALUES, CALL, CREATE TABLE or CREATE [UNIQUE] INDEX";

    /** Names refused wherever they appear, by database and with what they do; a trailing * stands for a family. */
    private static final List<RefusedNames> REFUSED_NAMES = List.of(
            new RefusedNames("H2",
                    "read or write the server's files, link other databases, or run scripts or Java classes",
                    "FILE_READ", "FILE_WRITE", "CSVREAD", "CSVWRITE", "LINK_SCHEMA", "RUNSCRIPT", "SCRIPT", "BACKUP",
                    "ENGINE"),
            new RefusedNames("H2", "end other sessions", "ABORT_SESSION", "CANCEL_SESSION"),
            new RefusedNames("PostgreSQL", "read, write or list the server's files",
                    "pg_read_file", "pg_read_binary_file", "pg_ls_*", "pg_stat_file", "pg_file_*", "pg_logdir_ls",
                    "lo_import", "lo_export"),
            new RefusedNames("PostgreSQL", "connect to other databases", "dblink", "dblink_*"),
            new RefusedNames("PostgreSQL", "run SQL given as text",
                    "query_to_xml*", "cursor_to_xml*", "table_to_xml*", "schema_to_xml*", "database_to_xml*"),
            new RefusedNames("PostgreSQL", "run server programs or control the server and its sessions",
                    "pg_execute_server_program", "pg_reload_conf", "pg_rotate_logfile", "pg_promote",
                    "pg_terminate_backend", "pg_cancel_backend", "set_config"));

    private StatementPolicy() {
    }

    /**
     * Checks a statement.
     *
     * @throws IllegalArgumentException saying what is refused and why, or when a quote in it is not closed
     */
    static void check(String statement) {
        List<SqlToken> tokens = SqlLexer.tokens(statement);
        tokens.forEach(StatementPolicy::checkNothingHidden);
        checkKind(tokens);
        tokens.forEach(StatementPolicy::checkName);
    }

    /** Refuses what would let part of the statement escape the check, or run a second statement. */
    private static void checkNothingHidden(SqlToken token) {
        if (token.isSymbol(";")) {
            throw refused("it contains ';': a port runs exactly one statement, so no separator is allowed, "
                    + "not even a trailing one");
        }
        if (token.kind() == Kind.COMMENT) {
            throw refused("it contains a comment (" + token.text().substring(0, 2)
                    + "): comments are not allowed, so that nothing in the statement is hidden from this check");
        }
        if (token.isSymbol("$")) {
            throw refused("it contains '$' outside a string literal: PostgreSQL reads it as dollar quoting or as a "
                    + "positional parameter; use named parameters such as :body");
        }
        if (token.kind() == Kind.UNICODE_ESCAPED) {
            throw refused("it contains " + token.text().substring(0, 3) + "...: Unicode escapes could spell a refused "
                    + "name without writing it");
        }
        if ((token.kind() == Kind.STRING || token.kind() == Kind.QUOTED_NAME) && token.text().contains("\\")) {
            throw refused("it has a backslash inside quotes: some databases read it as an escape (PostgreSQL's E'...' "
                    + "strings), so this check could not tell where the quoted text ends");
        }
    }

    /** The kind, read from the first keyword (after any opening parentheses), must be a safe one. */
    private static void checkKind(List<SqlToken> tokens) {
        int first = 0;
        while (first < tokens.size() && tokens.get(first).isSymbol("(")) {
            first++;
        }
        if (first == tokens.size() || tokens.get(first).kind() != Kind.WORD) {
            throw refused("it does not begin with a keyword; a port may run " + SAFE_KINDS_TEXT);
        }
        String kind = tokens.get(first).text().toUpperCase(Locale.ROOT);
        List<SqlToken> rest = tokens.subList(first + 1, tokens.size());
        switch (kind) {
            case "WITH" -> checkWith(rest);
            case "CREATE" -> checkCreate(rest);
            default -> {
                if (!SAFE_KINDS.contains(kind)) {
                    throw refused("it is a " + kind + " statement; a port may run " + SAFE_KINDS_TEXT);
                }
            }
        }
    }

    /** WITH: its common table expressions must be followed, outside parentheses, by a query or a change. */
    private static void checkWith(List<SqlToken> rest) {
        int depth = 0;
        for (SqlToken token : rest) {
            if (token.isSymbol("(")) {
                depth++;
            } else if (token.isSymbol(")")) {
                depth--;
            } else if (depth == 0 && token.kind() == Kind.WORD
                    && AFTER_WITH.contains(token.text().toUpperCase(Locale.ROOT))) {
                return;
            }
        }
        throw refused("its WITH is not followed by SELECT, INSERT, UPDATE, DELETE, MERGE or VALUES");
    }

    /** CREATE: only a table or an index. */
    private static void checkCreate(List<SqlToken> rest) {
        boolean table = !rest.isEmpty() && rest.get(0).isKeyword("TABLE");
        boolean index = !rest.isEmpty() && rest.get(0).isKeyword("INDEX")
                || rest.size() > 1 && rest.get(0).isKeyword("UNIQUE") && rest.get(1).isKeyword("INDEX");
        if (!table && !index) {
            String what = rest.isEmpty() ? "" : " " + rest.get(0).text().toUpperCase(Locale.ROOT);
            throw refused("it is a CREATE" + what + " statement; CREATE may only make a table (CREATE TABLE) "
                    + "or an index (CREATE [UNIQUE] INDEX)");
        }
    }

    /** A name (quoted or not, each part of a qualified name on its own) must not be a refused one. */
    private static void checkName(SqlToken token) {
        if (token.kind() != Kind.WORD && token.kind() != Kind.QUOTED_NAME) {
            return;
        }
        for (RefusedNames group : REFUSED_NAMES) {
            if (group.contains(token.value())) {
                throw refused("it names " + token.text() + ", which " + group.database() + " uses to "
                        + group.reason());
            }
        }
    }

    private static IllegalArgumentException refused(String reason) {
        return new IllegalArgumentException("the statement is refused: " + reason);
    }

    /**
     * Names one database uses for one kind of danger, compared in any case; a name ending in {@code *} stands for
     * every name that begins with the rest.
     */
    private record RefusedNames(String database, String reason, List<String> names) {

        RefusedNames(String database, String reason, String... names) {
            this(database, reason, List.of(names));
        }

        boolean contains(String name) {
            return names.stream().anyMatch(refused -> refused.endsWith("*")
                    ? name.regionMatches(true, 0, refused, 0, refused.length() - 1)
                    : name.equalsIgnoreCase(refused));
        }
    }
}
