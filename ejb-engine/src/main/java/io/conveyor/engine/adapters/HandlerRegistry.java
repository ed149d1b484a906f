package io.conveyor.engine.adapters;

import io.conveyor.adapter.AdapterMetadata;
import io.conveyor.adapter.SendHandler;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;
import javax.naming.InitialContext;
import javax.naming.NameClassPair;
import javax.naming.NamingEnumeration;
import javax.naming.NamingException;

/**
 * The connectors deployed on this server: every {@link SendHandler} bound under
 * {@value SendHandler#JNDI_PREFIX}. Looked up afresh on each {@link #refresh()}, so a connector deployed after the
 * engine is found at the dispatcher's next poll. Transport types are matched case-insensitively (send-adapter contract
 * §6 in {@code docs/send-adapter-contract.md}).
 */
@ApplicationScoped
public class HandlerRegistry {

    private static final Logger LOG = Logger.getLogger(HandlerRegistry.class.getName());

    private volatile Map<String, SendHandler> handlers = Map.of();

    /** Reads the JNDI context again; returns the handlers now known. */
    public Collection<SendHandler> refresh() {
        Map<String, SendHandler> found = new LinkedHashMap<>();
        String context = SendHandler.JNDI_PREFIX.substring(0, SendHandler.JNDI_PREFIX.length() - 1);
        try {
            InitialContext naming = new InitialContext();
            NamingEnumeration<NameClassPair> names = naming.list(context);
            while (names.hasMore()) {
                String name = names.next().getName();
                Object bound = naming.lookup(SendHandler.JNDI_PREFIX + name);
                if (bound instanceof SendHandler handler) {
                    found.put(key(handler.metadata().transportType()), handler);
                } else {
                    LOG.warning(() -> SendHandler.JNDI_PREFIX + name + " is not a SendHandler; ignored");
                }
            }
        } catch (NamingException e) {
            LOG.fine(() -> "no send handlers bound under " + context + ": " + e.getMessage());
        }
        if (!found.keySet().equals(handlers.keySet())) {
            LOG.info(() -> "send adapters available: " + found.keySet());
        }
        handlers = Map.copyOf(found);
        return handlers.values();
    }

    /** The handler of a transport type, if deployed. */
    public Optional<SendHandler> handler(String transportType) {
        if (transportType == null) {
            return Optional.empty();
        }
        SendHandler handler = handlers.get(key(transportType));
        if (handler == null) {
            refresh();
            handler = handlers.get(key(transportType));
        }
        return Optional.ofNullable(handler);
    }

    /** Every deployed handler. */
    public Collection<SendHandler> handlers() {
        if (handlers.isEmpty()) {
            refresh();
        }
        return handlers.values();
    }

    /** The metadata of every deployed adapter. */
    public Collection<AdapterMetadata> metadata() {
        return handlers().stream().map(SendHandler::metadata).toList();
    }

    /** The canonical (registered) spelling of a transport type, if deployed. */
    public Optional<String> canonicalType(String transportType) {
        return handler(transportType).map(h -> h.metadata().transportType());
    }

    private static String key(String transportType) {
        return transportType.toUpperCase(Locale.ROOT);
    }
}
