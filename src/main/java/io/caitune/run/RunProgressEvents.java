package io.caitune.run;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.subscription.Cancellable;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import io.caitune.config.CaiConfig;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/** Streams a run's progress at a fixed interval; the stream completes with the event that shows the run ended. */
@ApplicationScoped
public class RunProgressEvents {

    private final Duration interval;

    private final RunLookup runs;

    public RunProgressEvents(CaiConfig config, RunLookup runs) {
        this.interval = config.events().interval();
        this.runs = runs;
    }

    public Multi<RunProgress> stream(UUID runId) {
        return Multi.createFrom().emitter(emitter -> {
            // Mutiny's ticks, each read on a worker thread (the database read blocks), one at a time
            Cancellable ticks = Multi.createFrom().ticks().startingAfter(Duration.ofMillis(1)).every(interval)
                    .onOverflow().drop()
                    .emitOn(Infrastructure.getDefaultWorkerPool())
                    .subscribe().with(tick -> {
                        try {
                            RunProgress progress = QuarkusTransaction.requiringNew()
                                    .call(() -> RunProgress.of(runs.run(runId), Instant.now()));
                            emitter.emit(progress);
                            if (progress.status().isFinal()) {
                                emitter.complete();
                            }
                        } catch (RuntimeException e) {
                            emitter.fail(e);
                        }
                    }, emitter::fail);
            emitter.onTermination(ticks::cancel);
        });
    }
}
