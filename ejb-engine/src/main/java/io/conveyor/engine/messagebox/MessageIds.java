package io.conveyor.engine.messagebox;

import java.security.SecureRandom;
import java.util.UUID;

/**
 * Message identities: UUIDs of version 7 (RFC 9562), whose first 48 bits are the time in milliseconds. They stay
 * unique without coordination, as random UUIDs do, and new ones sort after older ones, so the MessageBox's index of
 * message identities grows at its end instead of taking every new entry at a random page.
 */
final class MessageIds {

    private static final SecureRandom RANDOM = new SecureRandom();

    private MessageIds() {
    }

    static String next() {
        long millis = System.currentTimeMillis();
        long random = RANDOM.nextLong();
        long high = (millis << 16) | 0x7000L | ((random >>> 52) & 0x0FFFL);
        long low = (RANDOM.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low).toString();
    }
}
