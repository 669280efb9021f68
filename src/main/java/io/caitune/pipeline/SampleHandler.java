package io.caitune.pipeline;

import io.caitune.run.RunMode;

import java.util.UUID;
import java.util.function.Predicate;

/**
 * Does one run mode's work for one claimed sample. The worker picks the handler by the run's mode. Handlers skip
 * stages that are already stored (a sample may be handed out again after a crash), finish the sample with
 * {@link StageStore#complete} or {@link StageStore#fail}, and give it back with {@link StageStore#release} when
 * {@code stop} says the run was paused or cancelled.
 */
public interface SampleHandler {

    RunMode mode();

    void process(RunContext run, SampleState sample, Predicate<UUID> stop);
}
