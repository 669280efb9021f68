-- Durable orchestration: samples are claimed with a lease (so a redelivered work item or a second replica never
-- processes a sample twice), and runs keep their finished counts so progress and completion are O(1).

alter table sample add column claimed_by varchar(100);
alter table sample add column lease_until timestamp with time zone;

alter table run add column completed integer default 0 not null;
alter table run add column failed integer default 0 not null;

update run set completed = (select count(*) from sample s where s.run_id = run.id and s.status = 'COMPLETED'),
               failed = (select count(*) from sample s where s.run_id = run.id and s.status = 'FAILED');

create index ix_sample_lease on sample (run_id, status, lease_until);
