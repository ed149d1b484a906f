package io.conveyor.engine.messagebox;

import io.conveyor.adapter.StatusCode;

/** What became of one {@link Disposition}: applied, or why not. */
public record DispositionResult(Disposition disposition, StatusCode status, String detail) {

    static DispositionResult ok(Disposition disposition) {
        return new DispositionResult(disposition, StatusCode.OK, "");
    }
}
