package io.conveyor.engine.admin;

import java.security.Principal;

/**
 * Who makes an administrative change, as the audit trail records it: the name the caller authenticated with, given by
 * the caller of the service (the REST layer takes it from the request), or {@value #ANONYMOUS_NAME} when there is none.
 */
public record Actor(String name) {

    /** The name recorded for a caller who did not authenticate. */
    public static final String ANONYMOUS_NAME = "anonymous";
    /** A caller who did not authenticate. */
    public static final Actor ANONYMOUS = new Actor(ANONYMOUS_NAME);

    /** A blank or missing name is {@value #ANONYMOUS_NAME}; surrounding spaces are dropped. */
    public Actor {
        name = name == null || name.isBlank() ? ANONYMOUS_NAME : name.strip();
    }

    /** The actor a principal names; {@link #ANONYMOUS} for {@code null}. */
    public static Actor of(Principal principal) {
        return principal == null ? ANONYMOUS : new Actor(principal.getName());
    }
}
