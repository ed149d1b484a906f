package io.conveyor.engine.messagebox;

/** How much the MessageBox tracks of a send port's messages: nothing, or their events (the default). */
public enum TrackingLevel {
    /** No event of the port's deliveries is recorded. */
    OFF,
    /** Every event of the port's deliveries is recorded (see {@link TrackingEvent}). */
    EVENTS
}
