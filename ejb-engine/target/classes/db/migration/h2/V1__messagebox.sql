-- The MessageBox (H2). Keep in step with ../postgresql/V1__messagebox.sql: same tables, same columns.

create table cv_config_version (
    id      int primary key,
    version bigint not null
);
insert into cv_config_version (id, version) values (1, 0);

create table cv_send_port (
    id          varchar(36)  primary key,
    name        varchar(256) not null unique,
    definition  clob         not null,
    updated_at  timestamp(6) with time zone not null
);

create table cv_message (
    id             varchar(36)  primary key,
    created_at     timestamp(6) with time zone not null,
    body_part_name varchar(256),
    size_bytes     bigint       not null,
    context        clob         not null,
    correlation_id varchar(36)
);

create table cv_promoted_property (
    message_id varchar(36)   not null references cv_message (id) on delete cascade,
    namespace  varchar(512)  not null,
    name       varchar(256)  not null,
    value_text varchar(4000) not null,
    primary key (message_id, namespace, name)
);
create index cv_promoted_property_value on cv_promoted_property (namespace, name, value_text);

create table cv_message_part (
    message_id   varchar(36)  not null references cv_message (id) on delete cascade,
    part_index   int          not null,
    part_name    varchar(256) not null,
    content_type varchar(256),
    charset      varchar(64),
    size_bytes   bigint       not null,
    chunk_count  int          not null,
    primary key (message_id, part_index)
);

create table cv_part_chunk (
    message_id  varchar(36)    not null,
    part_index  int            not null,
    chunk_index int            not null,
    data        varbinary(262144) not null,
    primary key (message_id, part_index, chunk_index),
    foreign key (message_id, part_index) references cv_message_part (message_id, part_index) on delete cascade
);

create table cv_work_item (
    id                   varchar(36)   primary key,
    message_id           varchar(36)   not null references cv_message (id) on delete cascade,
    port_id              varchar(36)   not null,
    port_name            varchar(256)  not null,
    transport            varchar(8)    not null,
    adapter_type         varchar(64)   not null,
    state                varchar(24)   not null,
    priority             int           not null,
    next_attempt_at      timestamp(6) with time zone not null,
    retries_left         int           not null,
    retry_interval       int           not null,
    attempt_count        int           not null,
    lease_owner          varchar(128),
    lease_token          varchar(36),
    lease_expires_at     timestamp(6) with time zone,
    properties_to_update clob,
    error_text           varchar(4000),
    error_adapter        varchar(64),
    error_address        varchar(2048),
    suspended_at         timestamp(6) with time zone,
    created_at           timestamp(6) with time zone not null
);
create index cv_work_item_due on cv_work_item (adapter_type, state, next_attempt_at);
create index cv_work_item_message on cv_work_item (message_id);
create index cv_work_item_lease on cv_work_item (lease_owner, state);
