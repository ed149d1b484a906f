package io.conveyor.adapter;

/**
 * Names of the engine's context properties (contract §7), all in {@link #NAMESPACE}. The names are BizTalk's
 * {@code BTS.*} names; in send port filters they are written {@code BTS.<Name>}.
 */
public final class SystemProperties {

    /** The namespace of the engine's properties (BizTalk: {@code http://schemas.microsoft.com/BizTalk/2003/system-properties}). */
    public static final String NAMESPACE = "urn:conveyor:system-properties";

    /** String: the destination address of the delivery, possibly with its alias prefix; take it from here always. */
    public static final String OUTBOUND_TRANSPORT_LOCATION = "OutboundTransportLocation";
    /** String: the adapter's transport type; decides the adapter of a dynamic send, over any address prefix. */
    public static final String OUTBOUND_TRANSPORT_TYPE = "OutboundTransportType";
    /** Integer: retries still available for this delivery; each resubmit consumes one. */
    public static final String RETRY_COUNT = "RetryCount";
    /** Integer: minutes to wait before the next attempt (resubmit at now plus this). */
    public static final String RETRY_INTERVAL = "RetryInterval";
    /** Integer: deliveries of this message to its current transport before this one. */
    public static final String ACTUAL_RETRY_COUNT = "ActualRetryCount";
    /** Boolean: the message is the solicit of a two-way (solicit-response) send port. */
    public static final String IS_SOLICIT_RESPONSE = "IsSolicitResponse";
    /** String: name of the send port; promoted on solicit-response responses. */
    public static final String SP_NAME = "SPName";
    /** String: identity of the static send port; absent on dynamic sends. Sort mixed batches by it. */
    public static final String SP_ID = "SPID";
    /** String: identity of the send port transport in use ({@code <SPID>/PRIMARY} or {@code <SPID>/BACKUP}). */
    public static final String SP_TRANSPORT_ID = "SPTransportID";
    /** String: identity of the backup transport, when the port has one. */
    public static final String SP_TRANSPORT_BACKUP_ID = "SPTransportBackupID";
    /** Instant: when the send port was last changed; adapters that cache endpoint configuration compare it. */
    public static final String SP_LAST_UPDATED_TIME = "SPLastUpdatedTime";
    /** Boolean, not promoted: the message goes through a dynamic send port (no endpoint configuration). */
    public static final String IS_DYNAMIC_SEND = "IsDynamicSend";
    /** String: the message identity, as {@link Message#messageId()}. */
    public static final String MESSAGE_ID = "MessageID";
    /** String: the engine's identity of this delivery; proxy batch operations find the message by it. */
    public static final String TRANSMIT_WORK_ID = "TransmitWorkID";
    /** String (XML): properties to re-apply when the message is redelivered or resumed (§4.6, F7, F8). */
    public static final String PROPERTIES_TO_UPDATE = "PropertiesToUpdate";
    /** Boolean: suspend this message as non-resumable. */
    public static final String SUSPEND_AS_NON_RESUMABLE = "SuspendAsNonResumable";
    /** Boolean: the message is a response published by a solicit-response exchange. */
    public static final String WAS_SOLICIT_RESPONSE = "WasSolicitResponse";
    /** String: on a response, the message identity of its solicit. */
    public static final String CORRELATION_TOKEN = "CorrelationToken";
    /**
     * String, written by the engine: the authenticated user who published the message over the REST API, copied onto
     * the response of a solicit-response exchange; only that user (or an administrator) may fetch the response.
     */
    public static final String PUBLISHER = "Publisher";
    /** String: name of a message's endpoint configuration property in the adapter's namespace (JSON object). */
    public static final String ADAPTER_CONFIG = "AdapterConfig";

    private SystemProperties() {
    }
}
