package io.conveyor.it.probe;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.transaction.xa.Xid;

/**
 * A test resource that kills the server (as {@code kill -9} would: no shutdown hooks) when the transaction manager
 * asks it to commit, that is after every resource prepared and before the ones enlisted after it committed. It does
 * so once per message: a marker file under the server's data directory makes the commit replayed by recovery a no-op.
 */
final class HaltingXAResource extends WorklessXAResource {

    private static final long serialVersionUID = 1L;

    private final String marker;

    HaltingXAResource(String messageId) {
        this.marker = "halted-" + messageId;
    }

    @Override
    public void commit(Xid xid, boolean onePhase) {
        Path file = Path.of(System.getProperty("jboss.server.data.dir"), marker);
        if (Files.exists(file)) {
            return;
        }
        try {
            Files.createFile(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Runtime.getRuntime().halt(137);
    }

    @Override
    public int prepare(Xid xid) {
        return XA_OK;
    }
}
