package io.caitune.run;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.mutiny.Multi;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import io.caitune.config.CaiConfig;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/** Streams a run's progress at a fixed interval; the stream completes with the event that shows the run ended. */
@ApplicationScoped
public class RunProgressEvents {

    private final Duration interval;
    private final ScheduledExecutorService ticks = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "cai-run-progress");
        t.setDaemon(true);
        return t;
    });

    private final RunLookup runs;

    public RunProgressEvents(CaiConfig config, RunLookup runs) {
        this.interval = config.events().interval();
        this.runs = runs;
    }

    public Multi<RunProgress> stream(UUID runId) {
        return Multi.createFrom().emitter(emitter -> {
            ScheduledFuture<?> task = ticks.scheduleAtFixedRate(() -> {
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
            }, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
            emitter.onTermination(() -> task.cancel(false));
        });
    }

    void shutdown(@Observes ShutdownEvent event) {
        ticks.shutdownNow();
    }
}
