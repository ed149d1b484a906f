package io.conveyor.http;

import io.conveyor.adapter.Message;
import io.conveyor.kit.OutcomeBatch;

/**
 * What became of one message's exchange: delivered, answered with a response (two-way ports; {@code responseBody} is
 * what the response's part reads from until the outcome is settled), or failed.
 */
record ExchangeOutcome(Message message, Message response, SpooledBody responseBody, Throwable error) {

    static ExchangeOutcome delivered(Message message) {
        return new ExchangeOutcome(message, null, null, null);
    }

    static ExchangeOutcome responded(Message message, Message response, SpooledBody responseBody) {
        return new ExchangeOutcome(message, response, responseBody, null);
    }

    static ExchangeOutcome failed(Message message, Throwable error) {
        return new ExchangeOutcome(message, null, null, error);
    }

    /** Adds the outcome to the batch that reports it. */
    void addTo(OutcomeBatch batch) {
        if (error != null) {
            batch.failed(message, error);
        } else if (response != null) {
            batch.responded(message, response);
        } else {
            batch.delivered(message);
        }
    }
}
