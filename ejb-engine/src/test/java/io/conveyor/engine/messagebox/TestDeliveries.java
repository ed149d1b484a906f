package io.conveyor.engine.messagebox;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

/** Deliveries as the dispatcher holds them, for unit tests of what the engine does with one. */
public final class TestDeliveries {

    public static final String MESSAGE_ID = "0190c1de-0000-7000-8000-000000000001";
    public static final String WORK_ITEM_ID = "42";
    public static final String PORT_ID = "port-1";

    private TestDeliveries() {
    }

    /** A message delivered under a lease on work item {@value #WORK_ITEM_ID}, with a small text body. */
    public static EngineMessage deliveredMessage() {
        return EngineMessage.delivered(MESSAGE_ID, new EngineMessageContext(),
                new EngineMessage.Lease(WORK_ITEM_ID, "lease-1", PORT_ID), "body",
                Map.of("body", ContentPart.of("order".getBytes(StandardCharsets.UTF_8), "text/plain", "UTF-8")));
    }

    /**
     * Work item {@value #WORK_ITEM_ID} of port {@value #PORT_ID}, in process under this server's lease.
     *
     * @param address            the address resolved at publication (dynamic ports), or {@code null}
     * @param propertiesToUpdate saved by an earlier failure, or {@code null}
     */
    public static WorkItem workItem(TransportRole transport, String adapterType, int retriesLeft, int retryInterval,
                                    int attemptCount, String address, String propertiesToUpdate, Instant now) {
        return new WorkItem(WORK_ITEM_ID, MESSAGE_ID, PORT_ID, "orders", transport, adapterType, WorkItemState.IN_PROCESS, 5,
                now, retriesLeft, retryInterval, attemptCount, "server-1", "lease-1", now.plusSeconds(300), propertiesToUpdate,
                null, null, null, null, now, Long.parseLong(WORK_ITEM_ID), false, address, true);
    }
}
