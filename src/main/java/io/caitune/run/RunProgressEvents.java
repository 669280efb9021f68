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

    public RunProgressEvents(CaiConfig config) {
        this.interval = config.events().interval();
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
                                    .call(() -> RunProgress.of(RunService.find(runId), Instant.now()));
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
