package io.conveyor.http;

import io.conveyor.adapter.PropertyBag;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The HTTP adapter's handler configuration, validated (see the connector README for the property table).
 *
 * @param trustStore        a PKCS12 or JKS trust store for HTTPS, or {@code null} for the JVM's default trust
 * @param proxyHost         an HTTP proxy for every request, or {@code null}
 * @param username          default Basic credentials, or {@code null}; endpoints may name their own
 * @param requestTimeout    the default bound of a whole exchange, from sending the request to the last byte of the
 *                          answer; endpoints may name their own
 * @param maxResponseBytes  the most bytes of a response body read: a two-way port's larger answer fails the delivery
 * @param followRedirects   whether endpoints follow same-origin 307/308 redirects unless they say otherwise
 */
public record HttpHandlerSettings(Duration connectTimeout, Duration requestTimeout, StatusRanges successStatusCodes,
                                  Path trustStore, String trustStorePassword, String proxyHost, int proxyPort,
                                  String username, String password, int batchSize, long maxResponseBytes,
                                  boolean followRedirects) {

    // The handler properties' defaults, written only here: the resource adapter's @ConfigProperty annotations, its
    // fields and from() all use these (a build test checks the README and conveyor.cli against the annotations).
    public static final String DEFAULT_CONNECT_TIMEOUT_SECONDS = "10";
    public static final String DEFAULT_REQUEST_TIMEOUT_SECONDS = "30";
    public static final String DEFAULT_SUCCESS_STATUS_CODES = "200-299";
    public static final String DEFAULT_PROXY_PORT = "0";
    public static final String DEFAULT_BATCH_SIZE = "20";
    /** 10 MiB. */
    public static final String DEFAULT_MAX_RESPONSE_BYTES = "10485760";
    public static final String DEFAULT_FOLLOW_REDIRECTS = "false";

    /**
     * Reads and checks the handler properties.
     *
     * @throws IllegalArgumentException naming the property at fault
     */
    public static HttpHandlerSettings from(PropertyBag config) {
        String trustStore = blankToNull(config.readString("trustStore", null));
        int proxyPort = config.readInt("proxyPort", Integer.parseInt(DEFAULT_PROXY_PORT));
        String proxyHost = blankToNull(config.readString("proxyHost", null));
        if (proxyHost != null && (proxyPort < 1 || proxyPort > 65535)) {
            throw new IllegalArgumentException("proxyPort: " + proxyPort + " is not a port number (1 to 65535)");
        }
        return new HttpHandlerSettings(
                seconds(config, "connectTimeoutSeconds", DEFAULT_CONNECT_TIMEOUT_SECONDS),
                seconds(config, "requestTimeoutSeconds", DEFAULT_REQUEST_TIMEOUT_SECONDS),
                StatusRanges.parse(config.readString("successStatusCodes", DEFAULT_SUCCESS_STATUS_CODES)),
                trustStore == null ? null : Path.of(trustStore),
                config.readString("trustStorePassword", ""),
                proxyHost, proxyPort,
                blankToNull(config.readString("username", null)),
                config.readString("password", ""),
                bounded(config.readInt("batchSize", Integer.parseInt(DEFAULT_BATCH_SIZE)), "batchSize", 1, 1000),
                positiveLong(config, "maxResponseBytes", Long.parseLong(DEFAULT_MAX_RESPONSE_BYTES)),
                config.readBoolean("followRedirects", Boolean.parseBoolean(DEFAULT_FOLLOW_REDIRECTS)));
    }

    private static long positiveLong(PropertyBag config, String name, long defaultValue) {
        Object value = config.read(name);
        long number;
        try {
            number = value == null ? defaultValue
                    : value instanceof Number given ? given.longValue() : Long.parseLong(value.toString().trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + ": '" + value + "' is not a whole number", e);
        }
        if (number < 1) {
            throw new IllegalArgumentException(name + ": " + number + " is not a positive number of bytes");
        }
        return number;
    }

    private static Duration seconds(PropertyBag config, String name, String defaultValue) {
        return Duration.ofSeconds(bounded(config.readInt(name, Integer.parseInt(defaultValue)), name, 1, 3600));
    }

    private static int bounded(int value, String name, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + ": " + value + " is not between " + min + " and " + max);
        }
        return value;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
