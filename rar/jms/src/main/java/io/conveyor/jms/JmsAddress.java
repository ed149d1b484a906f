package io.conveyor.jms;

import io.conveyor.adapter.InvalidEndpointException;

/**
 * A JMS address: {@code jms://queue/<name>} or {@code jms://topic/<name>} for the destinations WildFly binds at
 * {@code java:/jms/queue/<name>} and {@code java:/jms/topic/<name>}, or {@code jms://<JNDI name>} for any other
 * binding ({@code jms://java:/jms/queue/orders}). The prefix may be left out (send-adapter contract §6 in
 * {@code docs/send-adapter-contract.md}, D5).
 */
record JmsAddress(String jndiName) {

    static final String ALIAS = "jms://";

    static JmsAddress parse(String address) throws InvalidEndpointException {
        if (address == null || address.isBlank()) {
            throw new InvalidEndpointException("address", "address is required, such as jms://queue/orders");
        }
        String path = address.regionMatches(true, 0, ALIAS, 0, ALIAS.length()) ? address.substring(ALIAS.length()) : address;
        if (path.startsWith("java:")) {
            return new JmsAddress(path);
        }
        for (String kind : new String[] {"queue/", "topic/"}) {
            if (path.startsWith(kind) && path.length() > kind.length()) {
                return new JmsAddress("java:/jms/" + path);
            }
        }
        throw new InvalidEndpointException("address", "'" + address
                + "' is not jms://queue/<name>, jms://topic/<name> or jms://<JNDI name>");
    }
}
