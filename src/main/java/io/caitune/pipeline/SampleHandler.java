package io.caitune.pipeline;

import io.caitune.run.RunMode;

import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.function.Predicate;

/**
 * Does one run mode's work for one claimed sample. The worker picks the handler by the run's mode. Handlers skip
 * stages that are already stored (a sample may be handed out again after a crash) and finish the sample with
 * {@link StageStore#complete}. A handler that cannot finish throws: the worker fails the sample with the reason, or
 * gives it back when the handler stopped because the run was paused or cancelled ({@link #stopIfRequested}).
 */
public interface SampleHandler {

    RunMode mode();

    void process(RunContext run, SampleState sample, Predicate<UUID> stop);

    /** Called before each stage: throws {@link CancellationException} once the run is paused or cancelled. */
    static void stopIfRequested(RunContext run, Predicate<UUID> stop) {
        if (stop.test(run.runId())) {
            throw new CancellationException();
        }
    }

    /** A stage's reply, refused when empty: the sample fails saying which stage came back empty. */
    static String requireText(String text, String stage) {
        if (text == null || text.isBlank()) {
            throw new IllegalStateException("The model returned an empty " + stage);
        }
        return text;
    }
}
