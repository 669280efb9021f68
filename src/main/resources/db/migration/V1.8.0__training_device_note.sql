-- Why a training job runs on the CPU although the host has NVIDIA GPUs (the engine sees none).
alter table training_job add column device_note varchar(1000);
