package io.conveyor.engine.ports;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The syntax of a credential store reference in a masked endpoint property. */
class CredentialStoreReferenceTest {

    @Test
    @DisplayName("{credential-store:<store>/<alias>} names a store and an alias; the alias may contain slashes")
    void reference() {
        assertThat(CredentialStoreReference.parse("{credential-store:partners/acme-password}"))
                .contains(new CredentialStoreReference("partners", "acme-password"));
        assertThat(CredentialStoreReference.parse(" {credential-store:cs.main/a/b} "))
                .contains(new CredentialStoreReference("cs.main", "a/b"));
        assertThat(new CredentialStoreReference("partners", "acme").toString()).isEqualTo("{credential-store:partners/acme}");
    }

    @Test
    @DisplayName("anything else is a value, not a reference")
    void values() {
        assertThat(CredentialStoreReference.parse("s3cret")).isEmpty();
        assertThat(CredentialStoreReference.parse("{credential-store:partners}")).isEmpty();
        assertThat(CredentialStoreReference.parse("{credential-store:/acme}")).isEmpty();
        assertThat(CredentialStoreReference.parse("x{credential-store:partners/acme}")).isEmpty();
        assertThat(CredentialStoreReference.parse("${credential-store:partners/acme}")).isEmpty();
        assertThat(CredentialStoreReference.parse(null)).isEmpty();
    }
}
