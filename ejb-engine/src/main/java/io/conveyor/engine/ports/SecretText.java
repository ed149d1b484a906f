package io.conveyor.engine.ports;

import java.util.Collection;
import java.util.Comparator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Removes secrets from a text the engine stores, logs or answers with (an adapter's error, a validation message): every
 * occurrence of the known secret values (the masked properties in play), the password of any
 * {@code scheme://user:password@} in it, and the value of any {@code password=}, {@code pwd=} or {@code secret=} pair
 * (JDBC and connection strings), each replaced by {@value AddressCredentials#MASK}.
 */
public final class SecretText {

    private static final String MASK = AddressCredentials.MASK;
    private static final Pattern USER_INFO = Pattern.compile("([A-Za-z][A-Za-z0-9+.-]*://[^/?#@:\\s]*):([^/?#@\\s]*)@");
    private static final Pattern KEY_VALUE = Pattern.compile("(?i)\\b(password|passwd|pwd|secret)(\\s*[=:]\\s*)([^;&,\\s'\"]+)");

    private SecretText() {
    }

    /** The text with the given secrets and any recognisable password masked; {@code null} stays {@code null}. */
    public static String scrub(String text, Collection<String> secrets) {
        if (text == null) {
            return null;
        }
        String result = text;
        for (String secret : secrets.stream().filter(s -> s != null && !s.isEmpty() && !s.equals(MASK))
                .sorted(Comparator.comparingInt(String::length).reversed()).toList()) {
            result = result.replace(secret, MASK);
        }
        result = USER_INFO.matcher(result).replaceAll(match -> Matcher.quoteReplacement(match.group(1) + ":" + MASK + "@"));
        return KEY_VALUE.matcher(result).replaceAll(match -> Matcher.quoteReplacement(match.group(1) + match.group(2) + MASK));
    }
}
