package io.conveyor.adapter;

/**
 * The outcome of one operation on one message in a proxy batch (one entry of {@code MessageStatus[]}, contract
 * §2.12). In a failed batch, a success here means the message was innocent: the operation would have been
 * applied and may be issued again (§3.3).
 *
 * @param messageId the message the operation concerned
 * @param status    its status
 * @param detail    why it failed, for a person; empty on success
 */
public record MessageStatus(String messageId, StatusCode status, String detail) {

    public MessageStatus {
        detail = detail == null ? "" : detail;
    }

    public static MessageStatus ok(String messageId) {
        return new MessageStatus(messageId, StatusCode.OK, "");
    }
}
