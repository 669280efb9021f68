-- Training jobs and the models the service can generate with (registered directories and tuned checkpoints).

create table language_model (
    id              uuid primary key,
    name            varchar(200) not null,
    path            varchar not null,
    training_job_id uuid,
    created_at      timestamp with time zone not null
);

create table training_job (
    id                          uuid primary key,
    run_id                      uuid references run (id) on delete set null,
    dataset_id                  uuid references dataset (id) on delete set null,
    base_model_id               uuid not null references language_model (id),
    state                       varchar(20) not null,
    epochs                      integer not null,
    batch_size                  integer not null,
    gradient_accumulation_steps integer not null,
    learning_rate               double precision not null,
    weight_decay                double precision not null,
    warmup_steps                integer not null,
    max_length                  integer not null,
    seed                        bigint not null,
    examples                    integer not null,
    device                      varchar(40),
    epoch                       integer not null,
    step                        integer not null,
    total_steps                 integer not null,
    loss_history                varchar,
    tokens_per_second           double precision,
    step_millis                 double precision,
    checkpoint_path             varchar,
    model_id                    uuid references language_model (id),
    error                       varchar,
    created_at                  timestamp with time zone not null,
    started_at                  timestamp with time zone,
    finished_at                 timestamp with time zone
);
create index ix_training_job_state on training_job (state, created_at);
