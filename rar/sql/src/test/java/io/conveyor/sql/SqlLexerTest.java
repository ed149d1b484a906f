package io.conveyor.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.conveyor.sql.SqlToken.Kind;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SqlLexerTest {

    @Test
    @DisplayName("words, parameters, casts, literals and symbols, with their text and where they start")
    void tokens() {
        assertThat(SqlLexer.tokens("select x::int, 'a''b' from t where c = :Customer"))
                .extracting(SqlToken::kind, SqlToken::text, SqlToken::start)
                .containsExactly(
                        tuple(Kind.WORD, "select", 0),
                        tuple(Kind.WORD, "x", 7),
                        tuple(Kind.SYMBOL, "::", 8),
                        tuple(Kind.WORD, "int", 10),
                        tuple(Kind.SYMBOL, ",", 13),
                        tuple(Kind.STRING, "'a''b'", 15),
                        tuple(Kind.WORD, "from", 22),
                        tuple(Kind.WORD, "t", 27),
                        tuple(Kind.WORD, "where", 29),
                        tuple(Kind.WORD, "c", 35),
                        tuple(Kind.SYMBOL, "=", 37),
                        tuple(Kind.PARAMETER, ":Customer", 39));
    }

    @Test
    @DisplayName("quoted names lose their quotes in value(), a doubled quote standing for one; parameters their colon")
    void values() {
        assertThat(SqlLexer.tokens("\"FILE\"\"READ\" `a``b` :Customer plain"))
                .extracting(SqlToken::kind, SqlToken::value)
                .containsExactly(
                        tuple(Kind.QUOTED_NAME, "FILE\"READ"),
                        tuple(Kind.QUOTED_NAME, "a`b"),
                        tuple(Kind.PARAMETER, "Customer"),
                        tuple(Kind.WORD, "plain"));
    }

    @Test
    @DisplayName("a word starts with a letter or underscore: digits, $ and other characters are symbols")
    void wordsAndSymbols() {
        assertThat(SqlLexer.tokens("_a1 1b $1 a$b"))
                .extracting(SqlToken::kind, SqlToken::text)
                .containsExactly(
                        tuple(Kind.WORD, "_a1"),
                        tuple(Kind.SYMBOL, "1"), tuple(Kind.WORD, "b"),
                        tuple(Kind.SYMBOL, "$"), tuple(Kind.SYMBOL, "1"),
                        tuple(Kind.WORD, "a"), tuple(Kind.SYMBOL, "$"), tuple(Kind.WORD, "b"));
    }

    @Test
    @DisplayName("comments: -- and // to the end of the line, /* to */ (or to the end when not closed)")
    void comments() {
        assertThat(SqlLexer.tokens("a -- one\nb // two\r\nc /* three */ d /* four"))
                .extracting(SqlToken::kind, SqlToken::text)
                .containsExactly(
                        tuple(Kind.WORD, "a"), tuple(Kind.COMMENT, "-- one"),
                        tuple(Kind.WORD, "b"), tuple(Kind.COMMENT, "// two"),
                        tuple(Kind.WORD, "c"), tuple(Kind.COMMENT, "/* three */"),
                        tuple(Kind.WORD, "d"), tuple(Kind.COMMENT, "/* four"));
    }

    @Test
    @DisplayName("U&'...' and U&\"...\" are Unicode-escaped text, in either case; U & 'x' is not")
    void unicodeEscapes() {
        assertThat(SqlLexer.tokens("U&'d\\0061t' u&\"n''ame\" U & 'x'"))
                .extracting(SqlToken::kind, SqlToken::text)
                .containsExactly(
                        tuple(Kind.UNICODE_ESCAPED, "U&'d\\0061t'"),
                        tuple(Kind.UNICODE_ESCAPED, "u&\"n''ame\""),
                        tuple(Kind.WORD, "U"), tuple(Kind.SYMBOL, "&"), tuple(Kind.STRING, "'x'"));
    }

    @Test
    @DisplayName("a string literal or quoted name that is not closed is refused, naming where it opens")
    void unclosed() {
        assertThatThrownBy(() -> SqlLexer.tokens("select \"name")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the quote \" at character 8 is not closed");
        assertThatThrownBy(() -> SqlLexer.tokens("select 'it''s")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the quote ' at character 8 is not closed");
    }
}
