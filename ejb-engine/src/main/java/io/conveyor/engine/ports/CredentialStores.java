package io.conveyor.engine.ports;

import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.as.server.CurrentServiceContainer;
import org.jboss.msc.service.ServiceController;
import org.jboss.msc.service.ServiceName;
import org.wildfly.security.credential.PasswordCredential;
import org.wildfly.security.credential.store.CredentialStore;
import org.wildfly.security.credential.store.CredentialStoreException;
import org.wildfly.security.password.interfaces.ClearPassword;

/**
 * Reads the clear password of a {@link CredentialStoreReference} from the server's Elytron credential store: the
 * store is the service WildFly installs for {@code /subsystem=elytron/credential-store=<store>} (capability
 * {@code org.wildfly.security.credential-store}), found in the server's service container (decision 33 in
 * {@code docs/decisions.md}). Errors name the store and the alias, never a value.
 */
@ApplicationScoped
public class CredentialStores {

    private static final String CAPABILITY = "org.wildfly.security.credential-store";

    /**
     * The clear password stored under the reference's alias.
     *
     * @throws UnresolvedSecretException when the store is not defined or not started, or has no such password entry
     */
    public String resolve(CredentialStoreReference reference) {
        CredentialStore store = store(reference.store());
        try {
            PasswordCredential credential = store.retrieve(reference.alias(), PasswordCredential.class);
            if (credential == null) {
                throw new UnresolvedSecretException("credential store '" + reference.store() + "' has no password entry '"
                        + reference.alias() + "'");
            }
            char[] clear = credential.getPassword().castAndApply(ClearPassword.class, ClearPassword::getPassword);
            if (clear == null) {
                throw new UnresolvedSecretException("entry '" + reference.alias() + "' of credential store '"
                        + reference.store() + "' is not a clear password");
            }
            return new String(clear);
        } catch (CredentialStoreException e) {
            throw new UnresolvedSecretException("credential store '" + reference.store() + "' could not read entry '"
                    + reference.alias() + "'");
        }
    }

    private static CredentialStore store(String name) {
        ServiceController<?> controller = CurrentServiceContainer.getServiceContainer()
                .getService(ServiceName.parse(CAPABILITY + "." + name));
        if (controller == null) {
            throw new UnresolvedSecretException("no credential store '" + name + "' is defined (/subsystem=elytron/"
                    + "credential-store=" + name + ")");
        }
        if (controller.getState() != ServiceController.State.UP || !(controller.getValue() instanceof CredentialStore store)) {
            throw new UnresolvedSecretException("credential store '" + name + "' is not available (" + controller.getState() + ")");
        }
        return store;
    }
}
