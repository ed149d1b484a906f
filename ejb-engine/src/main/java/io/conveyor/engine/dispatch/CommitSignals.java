package io.conveyor.engine.dispatch;

import io.conveyor.engine.runtime.AfterCommit;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.Set;

/** Wakes adapters' dispatchers once the current transaction has committed the work it made due for them. */
@ApplicationScoped
public class CommitSignals {

    @Inject
    DispatchSignals signals;
    @Resource(lookup = "java:jboss/TransactionSynchronizationRegistry")
    TransactionSynchronizationRegistry transactions;

    /** After the current transaction commits (and only then), wakes the dispatchers of these adapters. */
    public void wakeAfterCommit(Set<String> adapterTypes) {
        if (adapterTypes.isEmpty()) {
            return;
        }
        Set<String> adapters = Set.copyOf(adapterTypes);
        AfterCommit.run(transactions, () -> adapters.forEach(signals::wake));
    }
}
