-- Who created, paused or cancelled what (issue 12): the authenticated principal's name; null for rows written
-- before authentication existed and for work the service does on its own.
alter table constitution add column created_by varchar(200);
alter table dataset add column created_by varchar(200);
alter table run add column created_by varchar(200);
alter table run add column paused_by varchar(200);
alter table run add column paused_at timestamp with time zone;
alter table run add column cancelled_by varchar(200);
alter table run add column cancelled_at timestamp with time zone;
alter table evaluation add column created_by varchar(200);
alter table training_job add column created_by varchar(200);
alter table training_job add column cancelled_by varchar(200);
alter table training_job add column cancelled_at timestamp with time zone;
alter table language_model add column created_by varchar(200);
