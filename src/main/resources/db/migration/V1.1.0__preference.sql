-- Preference runs (RL from AI feedback) and evaluations. Portable between H2 and PostgreSQL.

-- the preference settings of a run in mode PREFERENCE (one row per such run)
create table preference_settings (
    run_id           uuid primary key references run (id) on delete cascade,
    answers          integer not null,
    temperature      double precision not null,
    chain_of_thought boolean not null
);

-- the K sampled answers of a preference sample
create table preference_answer (
    id           uuid primary key,
    sample_id    uuid not null references sample (id) on delete cascade,
    answer_index integer not null,
    answer       varchar not null,
    latency_ms   bigint,
    constraint uk_preference_answer unique (sample_id, answer_index)
);

-- one (A)/(B) comparison of two answers of a sample under one principle, asked in both orders
create table comparison (
    id                uuid primary key,
    run_id            uuid not null references run (id) on delete cascade,
    sample_id         uuid not null references sample (id) on delete cascade,
    pair_index        integer not null,
    first_answer      integer not null,
    second_answer     integer not null,
    principle_index   integer not null,
    principle         varchar not null,
    principle_derived boolean not null,
    outcome           varchar(20) not null,
    winner            integer,
    first_probability double precision,
    created_at        timestamp with time zone not null,
    constraint uk_comparison unique (sample_id, pair_index)
);
create index ix_comparison_run on comparison (run_id, outcome);

create table evaluation (
    id               uuid primary key,
    run_id           uuid not null references run (id) on delete cascade,
    status           varchar(20) not null,
    requested        integer not null,
    seed             bigint not null,
    chain_of_thought boolean not null,
    error            varchar,
    created_at       timestamp with time zone not null,
    finished_at      timestamp with time zone
);
create index ix_evaluation_run on evaluation (run_id);

-- one judgement of a sample's revision against its initial answer under one principle, asked in both orders
create table evaluation_judgement (
    id                   uuid primary key,
    evaluation_id        uuid not null references evaluation (id) on delete cascade,
    sample_id            uuid not null references sample (id) on delete cascade,
    principle_index      integer not null,
    principle            varchar not null,
    outcome              varchar(20) not null,
    revision_wins        boolean,
    revision_probability double precision,
    error                varchar,
    constraint uk_evaluation_judgement unique (evaluation_id, sample_id, principle_index)
);

-- each order a pair was asked in: (A) = first shown answer; either a comparison's or an evaluation judgement's
create table feedback_verdict (
    id            uuid primary key,
    comparison_id uuid references comparison (id) on delete cascade,
    judgement_id  uuid references evaluation_judgement (id) on delete cascade,
    swapped       boolean not null,
    choice        varchar(12) not null,
    reason        varchar(20) not null,
    probability_a double precision,
    reasoning     varchar,
    response      varchar,
    latency_ms    bigint,
    constraint uk_feedback_verdict_comparison unique (comparison_id, swapped),
    constraint uk_feedback_verdict_judgement unique (judgement_id, swapped)
);
