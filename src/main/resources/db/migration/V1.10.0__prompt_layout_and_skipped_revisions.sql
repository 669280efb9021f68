-- Per-run prompt options (issue 13). Portable between H2 and PostgreSQL.

-- how few-shot examples are sent: TURNS (chat turns, the ConstitutionalAiTuning layout) or INLINE (one message)
alter table run add column few_shot_layout varchar(16) default 'TURNS' not null;
-- skip the revision when the critique finds nothing to fix
alter table run add column skip_unneeded_revisions boolean default false not null;

-- a round whose revision was skipped keeps the answer it critiqued as its revision, marked as such
alter table sample_round add column revision_skipped boolean default false not null;
