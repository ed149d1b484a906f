package io.conveyor.it.probe;

/** What a probe adapter does with one message, as a test scripts it. */
public enum Outcome {
    /** Sent synchronously: answer {@code true}. */
    SEND,
    /** Keep the message and answer {@code false}: the test disposes of it through the probe's proxy. */
    HOLD,
    /** Throw from {@code transmitMessage}. */
    THROW
}
