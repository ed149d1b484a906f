package io.conveyor.http;

/**
 * What the adapter kept of a response body: all of it, for the response message of a two-way port
 * ({@link SpooledBody}), or only its start, for an error text ({@link Start}).
 */
sealed interface ResponseBody permits SpooledBody, ResponseBody.Start {

    /** The first bytes of a body that was otherwise discarded, decoded as UTF-8. */
    record Start(String text) implements ResponseBody {
    }
}
