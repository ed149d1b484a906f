package io.conveyor.http;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** Builds the TLS context of the HTTP adapter's client from the trust store named in its handler configuration. */
final class TrustStoreContext {

    private TrustStoreContext() {
    }

    /**
     * A TLS context that trusts exactly the certificates of {@code trustStore} (PKCS12 or JKS).
     *
     * @throws IOException              if the file cannot be read or the password does not open it
     * @throws GeneralSecurityException if the store holds nothing usable
     */
    static SSLContext trusting(Path trustStore, String password) throws IOException, GeneralSecurityException {
        KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
        try (InputStream in = Files.newInputStream(trustStore)) {
            trusted.load(in, password.toCharArray());
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }
}
