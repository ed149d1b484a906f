package io.conveyor.adapter;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What an adapter registers about itself (contract §2.1 {@code IBaseComponent}, §2.2 {@code IBTTransport},
 * §8.1 registration): transport type, name, version, description, the URI aliases it answers to for dynamic
 * sends, its capabilities, its property namespace and the schemas of its handler and endpoint properties.
 *
 * <p>Unlike BizTalk, where the adapter object answers these questions, a connector publishes its metadata
 * through its {@link SendHandler} so the engine can read it <em>without creating the adapter</em>: lazy creation
 * (L1) and validation of port configuration both need it before the first message.
 */
public final class AdapterMetadata {

    private final String transportType;
    private final String name;
    private final String version;
    private final String description;
    private final List<String> aliases;
    private final Set<Capability> capabilities;
    private final String propertyNamespace;
    private final List<PropertyDescriptor> handlerProperties;
    private final List<PropertyDescriptor> endpointProperties;

    private AdapterMetadata(Builder builder) {
        this.transportType = requireText(builder.transportType, "transportType");
        this.name = builder.name == null ? transportType : builder.name;
        this.version = builder.version == null ? "" : builder.version;
        this.description = builder.description == null ? "" : builder.description;
        this.aliases = List.copyOf(builder.aliases);
        EnumSet<Capability> caps = EnumSet.of(Capability.SUPPORTS_SEND);
        caps.addAll(builder.capabilities);
        this.capabilities = Collections.unmodifiableSet(caps);
        this.propertyNamespace = builder.propertyNamespace == null
                ? "urn:conveyor:adapter:" + transportType.toLowerCase(Locale.ROOT)
                : builder.propertyNamespace;
        this.handlerProperties = List.copyOf(builder.handlerProperties);
        this.endpointProperties = List.copyOf(builder.endpointProperties);
    }

    /** Starts a description of the adapter for the given transport type (e.g. {@code FILE}). */
    public static Builder builder(String transportType) {
        return new Builder(transportType);
    }

    /** The protocol name (e.g. {@code FILE}, {@code HTTP}); the key ports use to name their adapter. */
    public String transportType() {
        return transportType;
    }

    public String name() {
        return name;
    }

    public String version() {
        return version;
    }

    public String description() {
        return description;
    }

    /** URI prefixes such as {@code file://} that select this adapter for dynamic sends (contract §6). */
    public List<String> aliases() {
        return aliases;
    }

    /** The declared capabilities; always contains {@link Capability#SUPPORTS_SEND}. */
    public Set<Capability> capabilities() {
        return capabilities;
    }

    public boolean has(Capability capability) {
        return capabilities.contains(capability);
    }

    /** The namespace under which endpoint properties appear in the message context. */
    public String propertyNamespace() {
        return propertyNamespace;
    }

    /** Schema of the handler configuration (one value set per server, the connector's config-properties). */
    public List<PropertyDescriptor> handlerProperties() {
        return handlerProperties;
    }

    /** Schema of the endpoint configuration a send port transport gives this adapter. */
    public List<PropertyDescriptor> endpointProperties() {
        return endpointProperties;
    }

    /** The endpoint property of that name, if the schema has one. */
    public Optional<PropertyDescriptor> endpointProperty(String propertyName) {
        return endpointProperties.stream().filter(p -> p.name().equals(propertyName)).findFirst();
    }

    /**
     * The alias that prefixes the address, compared case-insensitively (contract §6, D1), if any.
     */
    public Optional<String> aliasOf(String address) {
        if (address == null) {
            return Optional.empty();
        }
        String lower = address.toLowerCase(Locale.ROOT);
        return aliases.stream().filter(a -> lower.startsWith(a.toLowerCase(Locale.ROOT))).findFirst();
    }

    @Override
    public String toString() {
        return transportType + " (" + name + " " + version + ")";
    }

    private static String requireText(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " must not be blank");
        }
        return value;
    }

    /** Builds {@link AdapterMetadata}; only the transport type is required. */
    public static final class Builder {
        private final String transportType;
        private String name;
        private String version;
        private String description;
        private final List<String> aliases = new ArrayList<>();
        private final Set<Capability> capabilities = EnumSet.noneOf(Capability.class);
        private String propertyNamespace;
        private final List<PropertyDescriptor> handlerProperties = new ArrayList<>();
        private final List<PropertyDescriptor> endpointProperties = new ArrayList<>();

        private Builder(String transportType) {
            this.transportType = Objects.requireNonNull(transportType, "transportType");
        }

        public Builder name(String value) {
            this.name = value;
            return this;
        }

        public Builder version(String value) {
            this.version = value;
            return this;
        }

        public Builder description(String value) {
            this.description = value;
            return this;
        }

        public Builder alias(String prefix) {
            this.aliases.add(prefix);
            return this;
        }

        public Builder capability(Capability capability) {
            this.capabilities.add(capability);
            return this;
        }

        public Builder capabilities(Set<Capability> values) {
            this.capabilities.addAll(values);
            return this;
        }

        public Builder propertyNamespace(String namespace) {
            this.propertyNamespace = namespace;
            return this;
        }

        public Builder handlerProperty(PropertyDescriptor descriptor) {
            this.handlerProperties.add(descriptor);
            return this;
        }

        public Builder handlerProperties(List<PropertyDescriptor> descriptors) {
            this.handlerProperties.addAll(descriptors);
            return this;
        }

        public Builder endpointProperty(PropertyDescriptor descriptor) {
            this.endpointProperties.add(descriptor);
            return this;
        }

        public AdapterMetadata build() {
            return new AdapterMetadata(this);
        }
    }
}
