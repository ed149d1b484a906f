package io.conveyor.adapter;

import java.util.EnumSet;
import java.util.Set;

/**
 * What an adapter declares about itself at registration (contract §8.1, the {@code Constraints} bit mask).
 * The bit values are BizTalk's, so a capability mask from a BizTalk binding file means the same here.
 * Only the send-side flags the engine acts on are listed.
 */
public enum Capability {
    /** The adapter has a send side (0x0002). Every send adapter declares it. */
    SUPPORTS_SEND(0x0002),
    /** Two-way send: the adapter can be the transport of a solicit-response port, primary or backup (0x0100, §5). */
    SUPPORTS_SOLICIT_RESPONSE(0x0100),
    /** The adapter can serve ordered send ports (0x4000, §4.7). */
    SUPPORTS_ORDERED_DELIVERY(0x4000),
    /** Create and initialise the adapter when the server starts instead of on its first message (0x8000, §1.2). */
    INIT_TRANSMITTER_ON_SERVICE_START(0x8000);

    private final int bit;

    Capability(int bit) {
        this.bit = bit;
    }

    /** The BizTalk {@code Constraints} bit of this capability. */
    public int bit() {
        return bit;
    }

    /** The bit mask of a set of capabilities. */
    public static int toMask(Set<Capability> capabilities) {
        int mask = 0;
        for (Capability capability : capabilities) {
            mask |= capability.bit;
        }
        return mask;
    }

    /** The capabilities named by a bit mask; bits this enum does not know are ignored. */
    public static Set<Capability> fromMask(int mask) {
        Set<Capability> result = EnumSet.noneOf(Capability.class);
        for (Capability capability : values()) {
            if ((mask & capability.bit) != 0) {
                result.add(capability);
            }
        }
        return result;
    }
}
