package io.conveyor.http;

import io.conveyor.adapter.AdapterMetadata;
import io.conveyor.adapter.Capability;
import io.conveyor.adapter.InvalidEndpointException;
import io.conveyor.adapter.PropertyBag;
import io.conveyor.adapter.PropertyDescriptor;
import io.conveyor.kit.jca.SendAdapterResourceAdapter;
import jakarta.resource.spi.ConfigProperty;
import jakarta.resource.spi.work.WorkManager;
import java.time.Clock;

/**
 * The HTTP connector's resource adapter: its handler configuration (the {@link ConfigProperty} setters below, held in
 * WildFly's {@code resource-adapters} subsystem) and its registration. See the connector README.
 */
public class HttpResourceAdapter extends SendAdapterResourceAdapter {

    public static final String TRANSPORT_TYPE = "HTTP";
    /** Namespace of the HTTP adapter's context properties. */
    public static final String NAMESPACE = "urn:conveyor:adapter:http";
    /** On a response: the HTTP status code (Integer). */
    public static final String STATUS_CODE = "StatusCode";
    /** On a response: each header, as {@code Header.<lower-case name>} (values joined with ", "). */
    public static final String HEADER_PREFIX = "Header.";

    private Integer connectTimeoutSeconds = Integer.valueOf(HttpHandlerSettings.DEFAULT_CONNECT_TIMEOUT_SECONDS);
    private Integer requestTimeoutSeconds = Integer.valueOf(HttpHandlerSettings.DEFAULT_REQUEST_TIMEOUT_SECONDS);
    private String successStatusCodes = HttpHandlerSettings.DEFAULT_SUCCESS_STATUS_CODES;
    private String trustStore = "";
    private String trustStorePassword = "";
    private String proxyHost = "";
    private Integer proxyPort = Integer.valueOf(HttpHandlerSettings.DEFAULT_PROXY_PORT);
    private String username = "";
    private String password = "";
    private Integer batchSize = Integer.valueOf(HttpHandlerSettings.DEFAULT_BATCH_SIZE);
    private Long maxResponseBytes = Long.valueOf(HttpHandlerSettings.DEFAULT_MAX_RESPONSE_BYTES);
    private Boolean followRedirects = Boolean.valueOf(HttpHandlerSettings.DEFAULT_FOLLOW_REDIRECTS);

    @Override
    protected AdapterMetadata.Builder describe() {
        return AdapterMetadata.builder(TRANSPORT_TYPE)
                .name("Conveyor HTTP adapter")
                .version("1.0")
                .description("Sends each message body to an HTTP(S) endpoint; two-way ports get the response back.")
                .alias("http://")
                .alias("https://")
                .capability(Capability.SUPPORTS_SOLICIT_RESPONSE)
                .capability(Capability.SUPPORTS_ORDERED_DELIVERY)
                .propertyNamespace(NAMESPACE)
                .endpointProperty(PropertyDescriptor.optional(HttpEndpoint.METHOD, PropertyDescriptor.Type.STRING, "POST",
                        "POST or PUT."))
                .endpointProperty(PropertyDescriptor.optional(HttpEndpoint.REQUEST_TIMEOUT, PropertyDescriptor.Type.INTEGER,
                        null, "Seconds the whole exchange may take, to the last byte of the answer; the handler's"
                                + " requestTimeoutSeconds when absent."))
                .endpointProperty(PropertyDescriptor.optional(HttpEndpoint.USERNAME, PropertyDescriptor.Type.STRING, null,
                        "Basic authentication user; the handler's when absent."))
                .endpointProperty(new PropertyDescriptor(HttpEndpoint.PASSWORD, PropertyDescriptor.Type.STRING, false, null,
                        true, "Basic authentication password (masked)."))
                .endpointProperty(PropertyDescriptor.optional(HttpEndpoint.FOLLOW_REDIRECTS, PropertyDescriptor.Type.BOOLEAN,
                        null, "Follow a 307 or 308 to the same origin (at most 5, same method, headers and body); the"
                                + " handler's followRedirects when absent. Other redirects always fail the delivery."));
    }

    @Override
    protected Object createAdapter(WorkManager workManager) {
        return new HttpTransmitter(workManager, Clock.systemUTC(), ResponseSpool.defaultDirectory());
    }

    @Override
    public void validateEndpoint(String address, PropertyBag endpointProperties) throws InvalidEndpointException {
        HttpHandlerSettings settings;
        try {
            settings = HttpHandlerSettings.from(handlerConfiguration());
        } catch (IllegalArgumentException e) {
            throw new InvalidEndpointException("address", "the HTTP adapter's handler configuration is invalid: " + e.getMessage());
        }
        HttpEndpoint.of(address, endpointProperties, settings);
    }

    public Integer getConnectTimeoutSeconds() {
        return connectTimeoutSeconds;
    }

    @ConfigProperty(defaultValue = HttpHandlerSettings.DEFAULT_CONNECT_TIMEOUT_SECONDS, description = "Seconds to wait for a connection (1 to 3600).")
    public void setConnectTimeoutSeconds(Integer connectTimeoutSeconds) {
        this.connectTimeoutSeconds = connectTimeoutSeconds;
    }

    public Integer getRequestTimeoutSeconds() {
        return requestTimeoutSeconds;
    }

    @ConfigProperty(defaultValue = HttpHandlerSettings.DEFAULT_REQUEST_TIMEOUT_SECONDS, description = "Seconds a whole exchange may take, from sending the request to the"
            + " last byte of the answer (1 to 3600); endpoints may override.")
    public void setRequestTimeoutSeconds(Integer requestTimeoutSeconds) {
        this.requestTimeoutSeconds = requestTimeoutSeconds;
    }

    public String getSuccessStatusCodes() {
        return successStatusCodes;
    }

    @ConfigProperty(defaultValue = HttpHandlerSettings.DEFAULT_SUCCESS_STATUS_CODES, description = "Status codes and ranges that count as success; any other fails"
            + " the delivery. The redirects 301, 302, 303, 307 and 308 may not be listed.")
    public void setSuccessStatusCodes(String successStatusCodes) {
        this.successStatusCodes = successStatusCodes;
    }

    public String getTrustStore() {
        return trustStore;
    }

    @ConfigProperty(description = "Path of a trust store (PKCS12 or JKS) for HTTPS; empty for the JVM's default trust.")
    public void setTrustStore(String trustStore) {
        this.trustStore = trustStore;
    }

    public String getTrustStorePassword() {
        return trustStorePassword;
    }

    @ConfigProperty(confidential = true, description = "Password of the trust store (masked).")
    public void setTrustStorePassword(String trustStorePassword) {
        this.trustStorePassword = trustStorePassword;
    }

    public String getProxyHost() {
        return proxyHost;
    }

    @ConfigProperty(description = "HTTP proxy host for every request; empty for none.")
    public void setProxyHost(String proxyHost) {
        this.proxyHost = proxyHost;
    }

    public Integer getProxyPort() {
        return proxyPort;
    }

    @ConfigProperty(defaultValue = HttpHandlerSettings.DEFAULT_PROXY_PORT, description = "HTTP proxy port.")
    public void setProxyPort(Integer proxyPort) {
        this.proxyPort = proxyPort;
    }

    public String getUsername() {
        return username;
    }

    @ConfigProperty(description = "Default Basic authentication user; empty for none.")
    public void setUsername(String username) {
        this.username = username;
    }

    public String getPassword() {
        return password;
    }

    @ConfigProperty(confidential = true, description = "Default Basic authentication password (masked).")
    public void setPassword(String password) {
        this.password = password;
    }

    public Integer getBatchSize() {
        return batchSize;
    }

    @ConfigProperty(defaultValue = HttpHandlerSettings.DEFAULT_BATCH_SIZE, description = "Most messages per engine batch, sent concurrently (1 to 1000).")
    public void setBatchSize(Integer batchSize) {
        this.batchSize = batchSize;
    }

    public Long getMaxResponseBytes() {
        return maxResponseBytes;
    }

    @ConfigProperty(defaultValue = HttpHandlerSettings.DEFAULT_MAX_RESPONSE_BYTES, description = "Most bytes of a response body read (at least 1); a larger"
            + " answer on a two-way port fails the delivery, on a one-way port it is cut off.")
    public void setMaxResponseBytes(Long maxResponseBytes) {
        this.maxResponseBytes = maxResponseBytes;
    }

    public Boolean getFollowRedirects() {
        return followRedirects;
    }

    @ConfigProperty(defaultValue = HttpHandlerSettings.DEFAULT_FOLLOW_REDIRECTS, description = "Whether endpoints follow a 307 or 308 to the same origin (at"
            + " most 5, same method, headers and body) unless they say otherwise; other redirects always fail.")
    public void setFollowRedirects(Boolean followRedirects) {
        this.followRedirects = followRedirects;
    }
}
