package io.conveyor.engine.proxy;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.conveyor.adapter.MessagingShuttingDownException;
import io.conveyor.adapter.TransportBatch;
import io.conveyor.engine.adapters.ProxyLifecycle;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * What a transport proxy answers once its adapter was terminated (send-adapter contract §1.5, §2.9 in
 * {@code docs/send-adapter-contract.md}).
 */
class TerminatedProxyTest {

    /** A lifecycle the test closes by hand, as the adapter host does when terminate returns. */
    private static final class Lifecycle implements ProxyLifecycle {
        private volatile boolean closed;

        @Override
        public String transportType() {
            return "TEST";
        }

        @Override
        public boolean acceptsSubmissions() {
            return !closed;
        }

        @Override
        public boolean isClosed() {
            return closed;
        }

        @Override
        public String recordError(Throwable error) {
            return error.getMessage();
        }
    }

    @Test
    @DisplayName("L15 after terminate returned, GetBatch fails with MessagingShuttingDownException")
    void getBatchRefusedAfterTermination() {
        Lifecycle lifecycle = new Lifecycle();
        EngineTransportProxy proxy = new EngineTransportProxy(null, lifecycle);
        lifecycle.closed = true;

        assertThatThrownBy(() -> proxy.getBatch((status, operations, cookie) -> { }, null))
                .isInstanceOf(MessagingShuttingDownException.class).hasMessageContaining("terminated");
    }

    @Test
    @DisplayName("L15 a batch opened before terminate returned fails at Done with MessagingShuttingDownException")
    void doneRefusedAfterTermination() {
        Lifecycle lifecycle = new Lifecycle();
        TransportBatch batch = new EngineTransportProxy(null, lifecycle).getBatch((status, operations, cookie) -> { }, null);
        lifecycle.closed = true;

        assertThatThrownBy(batch::done).isInstanceOf(MessagingShuttingDownException.class);
    }

    @Test
    @DisplayName("a proxy batch needs a callback (Appendix A.2)")
    void callbackRequired() {
        EngineTransportProxy proxy = new EngineTransportProxy(null, new Lifecycle());
        assertThatThrownBy(() -> proxy.getBatch(null, null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("callback");
    }
}
