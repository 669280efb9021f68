-- room for COMPLETED_WITH_FAILURES (a run whose samples all finished, some of them failed)
alter table run alter column status set data type varchar(32);
