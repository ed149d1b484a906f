-- One row per message for a port on the hot path. Keep in step with ../postgresql/V6__one_row_per_delivery.sql.
--
-- A work item gets a numeric key from a sequence the engine takes in blocks of 1000 (sequential keys: each commit
-- touches the last page of each index instead of a random page per message), and holds a small single-part
-- message itself (context and body inline): publishing it is one insert, delivering it one delete, with no cascade.
-- Larger messages, multi-part messages and solicit-response responses stay in cv_message, cv_message_part and
-- cv_part_chunk as before, and their work items reference them by message_id (no foreign key: an inline message
-- has no cv_message row). Work items queued under V5 are carried over with new identities, in publication order.
create sequence cv_work_item_ids start with 1 increment by 1000;

create table cv_delivery (
    id                     bigint        primary key,
    message_id             varchar(36)   not null,
    port_id                varchar(36)   not null,
    port_name              varchar(256)  not null,
    transport              varchar(8)    not null,
    adapter_type           varchar(64)   not null,
    state                  varchar(24)   not null,
    priority               int           not null,
    next_attempt_at        timestamp(6) with time zone not null,
    retries_left           int           not null,
    retry_interval         int           not null,
    attempt_count          int           not null,
    lease_owner            varchar(128),
    lease_token            bigint,
    lease_expires_at       timestamp(6) with time zone,
    properties_to_update   clob,
    error_text             varchar(4000),
    error_adapter          varchar(64),
    error_address          varchar(2048),
    suspended_at           timestamp(6) with time zone,
    created_at             timestamp(6) with time zone not null,
    ordered                boolean       default false not null,
    address                varchar(2048),
    interrupted_deliveries int           default 0 not null,
    window_hold            boolean       default false not null,
    context                varchar(1048576),
    body                   varbinary(65536),
    body_part_name         varchar(256),
    content_type           varchar(256),
    charset                varchar(64)
);

insert into cv_delivery (id, message_id, port_id, port_name, transport, adapter_type, state, priority, next_attempt_at,
        retries_left, retry_interval, attempt_count, lease_owner, lease_token, lease_expires_at, properties_to_update,
        error_text, error_adapter, error_address, suspended_at, created_at, ordered, address, interrupted_deliveries,
        window_hold)
    select row_number() over (order by seq), message_id, port_id, port_name, transport, adapter_type,
        case when state = 'IN_PROCESS' then 'READY' else state end, priority, next_attempt_at, retries_left,
        retry_interval, attempt_count, null, null, null, properties_to_update, error_text, error_adapter, error_address,
        suspended_at, created_at, ordered, address, interrupted_deliveries, window_hold
    from cv_work_item;

alter sequence cv_work_item_ids restart with (select coalesce(max(id), 0) + 1 from cv_delivery);

drop table cv_work_item;
alter table cv_delivery rename to cv_work_item;
create index cv_work_item_message on cv_work_item (message_id);
create index cv_work_item_port_order on cv_work_item (port_id, id);
create index cv_work_item_claim on cv_work_item (adapter_type, state, ordered, priority, next_attempt_at);
