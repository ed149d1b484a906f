-- The servers sharing this MessageBox (membership): one row per server identity (conveyor.server.id, else
-- conveyor.node.id, else jboss.node.name), written at its start and at every heartbeat by its own supervisor. Any
-- server's supervisor declares a RUNNING server whose heartbeat is older than conveyor.cluster.deadAfterSeconds DEAD
-- (one conditional update: one declarer wins) and takes back the deliveries it held. A graceful stop writes STOPPING,
-- then STOPPED. Rows stay (the history of who shared the MessageBox); a server coming back under the same identity
-- writes its row again. Keep in step with ../h2/V11__servers.sql.
create table cv_server (
    id             varchar(128)  primary key,
    state          varchar(16)   not null,
    started_at     timestamp(6) with time zone not null,
    last_heartbeat timestamp(6) with time zone not null
);
