package io.caitune.pipeline;

import io.caitune.config.CaiConfig;
import io.caitune.run.RunStarter;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.util.List;
import java.util.UUID;

/**
 * Starts, resumes and re-feeds runs. Work flows through the {@code work-out} → {@code work-in} channels (in memory by
 * default, RabbitMQ or Kafka by configuration); the {@link SampleWorker} consumes it. Runs left unfinished by a
 * stopped process are picked up at start-up, and a periodic sweep re-feeds samples whose claims lapsed (a replica
 * died) or whose work items were lost.
 */
@ApplicationScoped
public class RunOrchestrator implements RunStarter {

    private final WorkFeeder feeder;
    private final RunStates runs;
    private final SampleClaims claims;
    private final CaiConfig config;

    public RunOrchestrator(WorkFeeder feeder, RunStates runs, SampleClaims claims, CaiConfig config) {
        this.feeder = feeder;
        this.runs = runs;
        this.claims = claims;
        this.config = config;
    }

    void resumeOnStart(@Observes StartupEvent event) {
        if (!config.pipeline().resumeOnStart()) {
            return;
        }
        int released = claims.releaseClaimsOf(Instances.id(config));
        if (released > 0) {
            Log.infof("Took back %d sample claim(s) left by a previous life of this instance", released);
        }
        List<UUID> unfinished = runs.runningRuns();
        if (!unfinished.isEmpty()) {
            Log.infof("Resuming %d unfinished run(s)", unfinished.size());
            unfinished.forEach(this::start);
        }
    }

    @Scheduled(every = "${cai.pipeline.sweep-interval:10s}", delayed = "${cai.pipeline.sweep-interval:10s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sweep() {
        if (config.pipeline().resumeOnStart()) {
            runs.runningRuns().stream().filter(runId -> !feeder.isFeeding(runId)).forEach(this::start);
        }
    }

    /** Starts (or resumes) a run in the background; returns at once. */
    @Override
    public void start(UUID runId) {
        if (runs.markRunning(runId)) {
            feeder.feed(runId);
        }
    }
}
