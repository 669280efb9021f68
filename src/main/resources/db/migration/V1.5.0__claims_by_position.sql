-- Feeders page through a run by position (uk_sample_run_position) and filter on status, so an index on
-- (run_id, status, lease_until) only cost two index writes per sample: its claim and its finish both change status.
drop index ix_sample_lease;
