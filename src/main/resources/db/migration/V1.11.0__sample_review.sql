-- Human review of a sample's final revision: the decision, an edited text (exports and training use it instead of the
-- model's revision), who decided and when. No row of review means "not reviewed yet".
alter table sample add column review_state varchar(16);
alter table sample add column reviewed_revision varchar;
alter table sample add column reviewed_by varchar(200);
alter table sample add column reviewed_at timestamp with time zone;
