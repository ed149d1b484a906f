package io.conveyor.adapter;

import java.util.List;
import java.util.OptionalLong;

/**
 * A message (contract §2.13 {@code IBaseMessage}): an identity, a context of properties, and one or more parts of
 * which one is the body. Messages the engine delivers stream their parts from the MessageBox on demand; messages
 * made with the {@link MessageFactory} hold what the adapter put in.
 *
 * <p>Context changes an adapter makes to a delivered message are local to that delivery; to carry properties
 * across a resubmit or suspension write {@link SystemProperties#PROPERTIES_TO_UPDATE} (§4.6).
 */
public interface Message {

    /** The message's identity, stable across retries, suspension and resumption. */
    String messageId();

    MessageContext context();

    /** The body part, or {@code null} for a message without parts. */
    MessagePart bodyPart();

    /** The name of the body part, or {@code null}. */
    String bodyPartName();

    /** The names of all parts, the body first. */
    List<String> partNames();

    /** The part of that name, or {@code null}. */
    MessagePart part(String name);

    /** Adds a part; only on messages made by the {@link MessageFactory}. */
    void addPart(String name, MessagePart part, boolean isBody);

    /** The total size of all parts in bytes, when known. */
    OptionalLong size();

    /**
     * Attaches the cause of a failure before {@link TransportBatch#resubmit}, {@link TransportBatch#moveToNextTransport}
     * or {@link TransportBatch#moveToSuspendQ}; the engine records it with the message and shows it to operators
     * (§4.5, F5).
     */
    void setErrorInfo(Throwable error);

    /** The error attached with {@link #setErrorInfo}, or {@code null}. */
    Throwable errorInfo();
}
