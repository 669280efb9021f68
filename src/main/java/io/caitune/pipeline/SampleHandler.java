package io.caitune.pipeline;

import io.caitune.run.RunMode;

import java.util.UUID;
import java.util.function.Predicate;

/**
 * Does one run mode's work for one sample. The orchestrator picks the handler by the run's mode; handlers must be
 * safe to call again for a sample they already started (they skip stages that are stored).
 */
public interface SampleHandler {

    RunMode mode();

    void process(RunContext run, UUID sampleId, Predicate<UUID> cancelled);
}
