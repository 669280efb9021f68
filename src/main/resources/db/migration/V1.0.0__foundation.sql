-- Portable between H2 (embedded default) and PostgreSQL: varchar without a length is unbounded in both.

create table constitution (
    id                        uuid primary key,
    name                      varchar(200) not null,
    description               varchar,
    system_message_answer     varchar,
    system_message_critique   varchar,
    system_message_revision   varchar,
    source_format             varchar(40) not null,
    created_at                timestamp with time zone not null
);

create table constitution_principle (
    constitution_id uuid not null references constitution (id) on delete cascade,
    position        integer not null,
    name            varchar(200) not null,
    critique        varchar not null,
    revision        varchar not null,
    primary key (constitution_id, position)
);

create table constitution_few_shot (
    constitution_id  uuid not null references constitution (id) on delete cascade,
    position         integer not null,
    input            varchar,
    initial_answer   varchar,
    critique_request varchar,
    critique         varchar,
    revision_request varchar,
    revision         varchar,
    primary key (constitution_id, position)
);

create table constitution_comparison_principle (
    constitution_id uuid not null references constitution (id) on delete cascade,
    position        integer not null,
    question        varchar not null,
    primary key (constitution_id, position)
);

create table constitution_comparison_few_shot (
    constitution_id  uuid not null references constitution (id) on delete cascade,
    position         integer not null,
    task             varchar,
    chain_of_thought varchar,
    selected_answer  varchar,
    primary key (constitution_id, position)
);

create table dataset (
    id         uuid primary key,
    name       varchar(200) not null,
    format     varchar(20) not null,
    size       integer not null,
    created_at timestamp with time zone not null
);

create table dataset_prompt (
    id          uuid primary key,
    dataset_id  uuid not null references dataset (id) on delete cascade,
    position    integer not null,
    external_id varchar(200) not null,
    prompt      varchar not null,
    target      varchar,
    metadata    varchar,
    constraint uk_dataset_prompt_position unique (dataset_id, position)
);

create table run (
    id              uuid primary key,
    constitution_id uuid not null references constitution (id),
    dataset_id      uuid references dataset (id),
    mode            varchar(20) not null,
    status          varchar(20) not null,
    revisions       integer not null,
    seed            bigint not null,
    model_id        varchar(300),
    temperature     double precision,
    max_new_tokens  integer,
    top_p           double precision,
    total           integer not null,
    error           varchar,
    created_at      timestamp with time zone not null,
    started_at      timestamp with time zone,
    finished_at     timestamp with time zone
);
create index ix_run_status on run (status);

create table sample (
    id                 uuid primary key,
    run_id             uuid not null references run (id) on delete cascade,
    position           integer not null,
    prompt_id          varchar(200) not null,
    prompt             varchar not null,
    target             varchar,
    metadata           varchar,
    status             varchar(20) not null,
    initial_answer     varchar,
    answer_latency_ms  bigint,
    final_revision     varchar,
    error              varchar,
    updated_at         timestamp with time zone not null,
    constraint uk_sample_run_position unique (run_id, position)
);
create index ix_sample_run_status on sample (run_id, status);

create table sample_round (
    id                  uuid primary key,
    sample_id           uuid not null references sample (id) on delete cascade,
    round               integer not null,
    principle_index     integer not null,
    principle_name      varchar(200) not null,
    critique_request    varchar not null,
    critique            varchar,
    critique_latency_ms bigint,
    revision_request    varchar not null,
    revision            varchar,
    revision_latency_ms bigint,
    constraint uk_sample_round unique (sample_id, round)
);
