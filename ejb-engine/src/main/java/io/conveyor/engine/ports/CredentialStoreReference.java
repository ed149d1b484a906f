package io.conveyor.engine.ports;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A masked endpoint property whose whole value is {@code {credential-store:<store>/<alias>}} names an entry of a
 * WildFly (Elytron) credential store instead of holding the secret: the engine stores and shows the reference and
 * hands the adapter the entry's clear password at delivery. The store is the name of a
 * {@code /subsystem=elytron/credential-store=<store>} resource; the alias may contain anything but braces.
 *
 * @param store the credential store's resource name
 * @param alias the entry's alias in that store
 */
public record CredentialStoreReference(String store, String alias) {

    private static final Pattern SYNTAX = Pattern.compile("\\{credential-store:([A-Za-z0-9._-]+)/([^{}]+)}");

    /** The reference a value holds, or empty when the value is not one (it is then the secret itself). */
    public static Optional<CredentialStoreReference> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        Matcher matcher = SYNTAX.matcher(value.trim());
        return matcher.matches() ? Optional.of(new CredentialStoreReference(matcher.group(1), matcher.group(2)))
                : Optional.empty();
    }

    /** The reference as written in an endpoint property. */
    @Override
    public String toString() {
        return "{credential-store:" + store + "/" + alias + "}";
    }
}
