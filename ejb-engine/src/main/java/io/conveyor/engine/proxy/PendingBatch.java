package io.conveyor.engine.proxy;

import java.util.List;
import java.util.function.Consumer;

/**
 * A non-transactional proxy batch handed over by {@code done()} and waiting for the MessageBox.
 *
 * @param whenApplied what to do with its outcome once it is committed (or known not applied)
 */
public record PendingBatch(String adapterType, List<ProxyOperation> operations, boolean acceptSubmissions,
                    Consumer<BatchOutcome> whenApplied) {
}
