package io.conveyor.kit.jca;

import jakarta.resource.NotSupportedException;
import jakarta.resource.spi.ConnectionEventListener;
import jakarta.resource.spi.ConnectionRequestInfo;
import jakarta.resource.spi.LocalTransaction;
import jakarta.resource.spi.ManagedConnection;
import jakarta.resource.spi.ManagedConnectionMetaData;
import java.io.PrintWriter;
import javax.security.auth.Subject;
import javax.transaction.xa.XAResource;

/**
 * The managed connection the JCA connection definition requires; it holds no physical connection because send
 * handlers hand out adapters, not connections. Transactions are refused: transactional adapters bring their own
 * JTA transaction (send-adapter contract §3.4, {@code docs/send-adapter-contract.md}).
 */
final class SendHandlerManagedConnection implements ManagedConnection {

    private final SendHandlerManagedConnectionFactory factory;
    private PrintWriter logWriter;

    SendHandlerManagedConnection(SendHandlerManagedConnectionFactory factory) {
        this.factory = factory;
    }

    SendHandlerManagedConnectionFactory factory() {
        return factory;
    }

    @Override
    public Object getConnection(Subject subject, ConnectionRequestInfo info) {
        return new SendHandlerConnectionHandle();
    }

    @Override
    public void destroy() {
        // no physical connection to release
    }

    @Override
    public void cleanup() {
        // no connection state to reset
    }

    @Override
    public void associateConnection(Object connection) {
        // connection handles carry no state
    }

    @Override
    public void addConnectionEventListener(ConnectionEventListener listener) {
        // no connection events are ever raised
    }

    @Override
    public void removeConnectionEventListener(ConnectionEventListener listener) {
        // no connection events are ever raised
    }

    @Override
    public XAResource getXAResource() throws NotSupportedException {
        throw new NotSupportedException("send handler connections are not transactional");
    }

    @Override
    public LocalTransaction getLocalTransaction() throws NotSupportedException {
        throw new NotSupportedException("send handler connections are not transactional");
    }

    @Override
    public ManagedConnectionMetaData getMetaData() {
        return new ManagedConnectionMetaData() {
            @Override
            public String getEISProductName() {
                return "Conveyor send handler";
            }

            @Override
            public String getEISProductVersion() {
                return "1";
            }

            @Override
            public int getMaxConnections() {
                return 0;
            }

            @Override
            public String getUserName() {
                return null;
            }
        };
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        this.logWriter = out;
    }

    @Override
    public PrintWriter getLogWriter() {
        return logWriter;
    }
}
