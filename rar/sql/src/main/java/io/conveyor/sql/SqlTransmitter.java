package io.conveyor.sql;

import io.conveyor.adapter.PropertyBag;
import io.conveyor.kit.TransactionalSend;
import io.conveyor.kit.TransactionalTransmitter;
import jakarta.resource.spi.work.WorkManager;
import java.time.Clock;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;

/**
 * The SQL adapter: batch-aware, non-blocking and transactional (send-adapter contract §1.7 last rows and §3.4, in
 * {@code docs/send-adapter-contract.md}). At {@code done} the engine batch goes to the connector's WorkManager, where
 * the kit's {@link TransactionalSend} runs each message's statement against the target XA datasource through a
 * {@link SqlSession} and reports the deletions (and, for two-way ports, the responses: the result set as JSON) in the
 * same JTA transaction as the MessageBox, so the rows written, the responses published and the messages deleted commit
 * together or not at all.
 */
public final class SqlTransmitter extends TransactionalTransmitter<SqlHandlerSettings> {

    public SqlTransmitter(WorkManager workManager, Clock clock) {
        super("SQL", workManager, clock);
    }

    @Override
    protected SqlHandlerSettings readSettings(PropertyBag handlerConfiguration) {
        return SqlHandlerSettings.from(handlerConfiguration);
    }

    @Override
    protected int batchSize(SqlHandlerSettings settings) {
        return settings.batchSize();
    }

    @Override
    protected TransactionalSend.SessionFactory sessions(SqlHandlerSettings settings, InitialContext naming)
            throws NamingException {
        DataSource target = (DataSource) naming.lookup(settings.dataSource());
        return () -> new SqlSession(target.getConnection(), proxy().messageFactory());
    }
}
