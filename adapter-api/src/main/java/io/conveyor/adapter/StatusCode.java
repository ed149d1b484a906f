package io.conveyor.adapter;

/**
 * Result codes of proxy batches and their operations (contract §2.15, HRESULT-style: negative is a failure).
 * The values are stable and may be logged or stored. {@code E_NOINTERFACE} has no code here: a value the MessageBox
 * cannot store is refused when it is written into the context (P13).
 */
public enum StatusCode {
    /** Success ({@code S_OK}). */
    OK(0),
    /** Success, but some submitted messages were suspended (routed to a stopped port, say) ({@code S_FALSE}). */
    OK_WITH_SUSPENSIONS(1),
    /** Success: the submitted message was published and suspended for some port ({@code BTS_S_EPM_MESSAGE_SUSPENDED}). */
    MESSAGE_SUSPENDED(2),
    /** Unspecified failure ({@code E_FAIL}); the detail says more. */
    FAILED(-1),
    /** A bad argument, such as a message the engine never delivered ({@code E_INVALIDARG}). */
    INVALID_ARGUMENT(-2),
    /** The engine is stopping ({@code BTS_E_MESSAGING_SHUTTING_DOWN}); do not retry. */
    SHUTTING_DOWN(-3),
    /** No send port subscribes to a submitted message; it was neither stored nor suspended ({@code E_BTS_NO_SUBSCRIPTION}). */
    NO_SUBSCRIPTION(-4),
    /** {@code moveToNextTransport}: the port has no backup transport, or the message is already on it. */
    NO_BACKUP_TRANSPORT(-5),
    /** {@code resubmit}: the message has no retry left. */
    RETRIES_EXHAUSTED(-6),
    /** The delivery lease of the message was lost; another delivery of it may be under way. */
    LEASE_LOST(-7);

    private final int code;

    StatusCode(int code) {
        this.code = code;
    }

    /** The numeric code: zero or positive for success, negative for failure. */
    public int code() {
        return code;
    }

    public boolean isSuccess() {
        return code >= 0;
    }
}
