package io.conveyor.engine.ports;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A password written into an address ({@code scheme://user:password@host/...}) is a secret like a masked endpoint
 * property: the engine shows the address with the password replaced by {@value #MASK}, and an address sent back
 * with the mask in its place keeps the stored password. Addresses are stored and delivered as written.
 */
public final class AddressCredentials {

    /** What a password in an address reads as. */
    public static final String MASK = "********";

    private static final Pattern USER_INFO = Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]*://[^/?#@:]*):([^/?#@]*)@");

    private AddressCredentials() {
    }

    /** The address with the password of its user information, if any, masked. */
    public static String masked(String address) {
        if (address == null) {
            return null;
        }
        Matcher userInfo = USER_INFO.matcher(address);
        return userInfo.find() ? userInfo.replaceFirst(Matcher.quoteReplacement(userInfo.group(1) + ":" + MASK + "@"))
                : address;
    }

    /**
     * The address an administrator meant: {@code stored} when {@code given} is the stored address as the engine shows
     * it (the password masked), else {@code given} as it is.
     */
    public static String unmasked(String given, String stored) {
        if (given == null || stored == null || given.equals(stored)) {
            return given;
        }
        return given.equals(masked(stored)) ? stored : given;
    }
}
