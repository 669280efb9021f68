package io.caitune.run;

import java.util.UUID;

/**
 * Hands a queued (or resumed, or retried) run to whatever works on its samples. The run package defines it and the
 * pipeline implements it, so the REST layer here never reaches up into the pipeline.
 */
public interface RunStarter {

    /** Starts (or resumes) the run in the background; returns at once. */
    void start(UUID runId);
}
