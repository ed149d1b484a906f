package io.conveyor.engine.messagebox;

/**
 * How much the MessageBox tracks of a send port's messages: nothing, their events (the default), or their events
 * and a copy of their bodies.
 */
public enum TrackingLevel {
    /** No event of the port's deliveries is recorded. */
    OFF,
    /** Every event of the port's deliveries is recorded (see {@link TrackingEvent}). */
    EVENTS,
    /**
     * The events, and a copy of each part of the messages routed to the port, kept with the events (at most
     * {@link TrackingWriter#MAX_BODY_BYTES} of each part) and readable after the message left the MessageBox.
     */
    EVENTS_AND_BODIES
}
