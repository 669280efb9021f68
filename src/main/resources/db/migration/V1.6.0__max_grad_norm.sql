-- Gradient clipping by global norm, Hugging Face Trainer's max_grad_norm (default 1.0; 0 turns it off).
alter table training_job add column max_grad_norm double precision default 1.0 not null;
