package io.conveyor.engine.ports;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** What the engine removes from error texts before it stores, logs or shows them. */
class SecretTextTest {

    @Test
    @DisplayName("every occurrence of a known secret is masked, the longest first")
    void knownSecrets() {
        assertThat(SecretText.scrub("login as acme with s3cret failed (s3cret!)", List.of("s3cret", "s3")))
                .isEqualTo("login as acme with ******** failed (********!)");
    }

    @Test
    @DisplayName("the password of user information anywhere in the text is masked, the user kept")
    void urlPasswords() {
        assertThat(SecretText.scrub("connect to ftp://acme:pa55@example.org/in refused; tried https://b:x@h", List.of()))
                .isEqualTo("connect to ftp://acme:********@example.org/in refused; tried https://b:********@h");
    }

    @Test
    @DisplayName("password, pwd and secret pairs of connection strings are masked")
    void keyValuePairs() {
        assertThat(SecretText.scrub("jdbc:sqlserver://db;user=sa;password=Top5ecret;encrypt=true", List.of()))
                .isEqualTo("jdbc:sqlserver://db;user=sa;password=********;encrypt=true");
        assertThat(SecretText.scrub("jdbc:postgresql://db/x?user=a&PWD=abc&ssl=true", List.of()))
                .isEqualTo("jdbc:postgresql://db/x?user=a&PWD=********&ssl=true");
    }

    @Test
    @DisplayName("a text without secrets is unchanged; empty secrets and null texts are ignored")
    void unchanged() {
        assertThat(SecretText.scrub("503 maintenance until noon", List.of(""))).isEqualTo("503 maintenance until noon");
        assertThat(SecretText.scrub(null, List.of("x"))).isNull();
    }
}
