package io.conveyor.file;

/** What the FILE adapter does when the target file exists (endpoint property {@code copyMode}). */
public enum CopyMode {
    /** Fail the delivery if the file exists (the default, as BizTalk's "Create new"). */
    CREATE_NEW,
    /** Replace the file atomically. */
    OVERWRITE,
    /** Append the body to the file; creates it if absent. Not atomic: see the connector README. */
    APPEND
}
