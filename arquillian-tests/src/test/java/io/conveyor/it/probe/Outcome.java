package io.conveyor.it.probe;

/** What a probe adapter does with one message, as a test scripts it. */
public enum Outcome {
    /** Sent synchronously: answer {@code true}. */
    SEND,
    /** Keep the message and answer {@code false}: the test disposes of it through the probe's proxy. */
    HOLD,
    /** Throw from {@code transmitMessage}. */
    THROW,
    /**
     * Answer {@code false}, then, on another thread, publish a response ({@code response to <id>}) and delete the
     * solicit in one proxy batch, as a solicit-response adapter does.
     */
    RESPOND,
    /**
     * Kill the server in {@code transmitMessage}, as {@code kill -9} would (no shutdown hooks): a message that brings
     * its server down at every delivery. Only for a server the test restarts itself.
     */
    HALT
}
