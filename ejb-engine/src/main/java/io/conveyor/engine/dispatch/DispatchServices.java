package io.conveyor.engine.dispatch;

import io.conveyor.engine.adapters.AdapterHost;
import io.conveyor.engine.messagebox.ClaimStore;
import io.conveyor.engine.messagebox.DispositionStore;
import io.conveyor.engine.messagebox.LeaseKeeper;
import io.conveyor.engine.ports.CredentialStores;
import io.conveyor.engine.ports.SubscriptionTable;
import io.conveyor.engine.runtime.EngineClock;
import io.conveyor.engine.runtime.EngineMetrics;
import io.conveyor.engine.runtime.EngineSettings;
import io.conveyor.engine.runtime.ServerIdentity;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;

/** What a dispatch loop works with; one bundle (dependent scope: its fields are read directly) shared by the loops. */
@Dependent
public class DispatchServices {

    @Inject
    ClaimStore claims;
    @Inject
    DispositionStore dispositions;
    @Inject
    HandOff handOff;
    @Inject
    AdapterHost host;
    @Inject
    SubscriptionTable subscriptions;
    @Inject
    LeaseKeeper leases;
    @Inject
    DispatchSignals signals;
    @Inject
    EngineClock clock;
    @Inject
    EngineSettings settings;
    @Inject
    ServerIdentity server;
    @Inject
    EngineMetrics metrics;
    @Inject
    CredentialStores credentialStores;
}
