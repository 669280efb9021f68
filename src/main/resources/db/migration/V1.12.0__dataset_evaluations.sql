-- Evaluations of an imported preference-pairs dataset (issue 13): the feedback model judges each pair's chosen answer
-- against its rejected one under a constitution's comparison principles. An evaluation belongs to a run or to a
-- dataset, never both; a dataset evaluation names its constitution and, optionally, the feedback model.
alter table evaluation alter column run_id drop not null;
alter table evaluation add column dataset_id uuid references dataset (id) on delete cascade;
alter table evaluation add column constitution_id uuid references constitution (id) on delete cascade;
alter table evaluation add column model varchar(200);
alter table evaluation add constraint ck_evaluation_subject
    check ((run_id is null) <> (dataset_id is null));
create index ix_evaluation_dataset on evaluation (dataset_id);

-- a dataset evaluation's judgement points at the dataset's pair (chosen = second, rejected = first in the original
-- order), a run evaluation's at its sample
alter table evaluation_judgement alter column sample_id drop not null;
alter table evaluation_judgement add column dataset_prompt_id uuid references dataset_prompt (id) on delete cascade;
alter table evaluation_judgement add constraint ck_evaluation_judgement_subject
    check ((sample_id is null) <> (dataset_prompt_id is null));
alter table evaluation_judgement add constraint uk_evaluation_judgement_pair
    unique (evaluation_id, dataset_prompt_id, principle_index);
