-- (run_id, status) is a prefix of ix_sample_lease: one index fewer to maintain on every stage write.
drop index ix_sample_run_status;
