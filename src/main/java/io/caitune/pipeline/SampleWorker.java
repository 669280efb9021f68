package io.caitune.pipeline;

import io.caitune.config.CaiConfig;
import io.caitune.run.RunMode;
import io.quarkus.cache.Cache;
import io.quarkus.cache.CacheName;
import io.quarkus.cache.CaffeineCache;
import io.quarkus.logging.Log;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Consumes work items: claims the sample, then lets the handler of the run's mode take it through its stages.
 * At most {@code cai.pipeline.workers} items are processed at once (the {@code model-calls} worker pool, sized by
 * {@code smallrye.messaging.worker.model-calls.max-concurrency}); how many of them call the model at once is
 * {@code cai.pipeline.concurrency}, enforced by {@link EndpointGate}.
 */
@ApplicationScoped
public class SampleWorker {

    private final Map<RunMode, SampleHandler> handlers;
    private final SampleClaims claims;
    private final RunStates runs;
    private final StageStore store;
    private final RunStatusCache statuses;
    private final PipelineMetrics metrics;
    private final WorkFeeder feeder;
    private final Redactor redactor;
    private final String defaultModel;
    private final String instance;
    private final Set<UUID> inFlight = ConcurrentHashMap.newKeySet();
    /** Run contexts of the most recent runs; a run that is not RUNNING is not kept (read again once it is). */
    private final CaffeineCache contexts;

    public SampleWorker(Instance<SampleHandler> handlers, SampleClaims claims, RunStates runs, StageStore store,
            RunStatusCache statuses, PipelineMetrics metrics, WorkFeeder feeder, Redactor redactor, CaiConfig config,
            @ConfigProperty(name = "quarkus.langchain4j.openai.chat-model.model-name") String defaultModel,
            @CacheName("run-context") Cache contexts) {
        this.contexts = contexts.as(CaffeineCache.class);
        this.feeder = feeder;
        this.redactor = redactor;
        this.handlers = handlers.stream().collect(Collectors.toMap(SampleHandler::mode, Function.identity()));
        this.claims = claims;
        this.runs = runs;
        this.store = store;
        this.statuses = statuses;
        this.metrics = metrics;
        this.defaultModel = defaultModel;
        this.instance = Instances.id(config);
    }

    @Incoming("work-in")
    @Blocking(value = "model-calls", ordered = false)
    public void process(String sampleId) {
        UUID id;
        try {
            id = UUID.fromString(sampleId.strip());
        } catch (IllegalArgumentException e) {
            Log.warnf("Dropping a work item that is not a sample id: %s", sampleId);
            return;
        }
        // a duplicate of an item this process is working on: the claim would let it through (same instance)
        if (!inFlight.add(id)) {
            return;
        }
        try {
            SampleState sample = claims.claim(id, instance, statuses::isRunning);
            if (sample == null) {
                // finished, or its run is not running: nothing to do. Held by another instance: that one may have
                // died, so the item is not dropped but handed out again once the claim's lease has run out
                java.time.Instant heldUntil = claims.heldElsewhereUntil(id, instance);
                if (heldUntil != null) {
                    feeder.resendAt(id, heldUntil);
                }
                return;
            }
            RunContext run = context(sample.runId());
            if (run == null) {
                claims.release(id);
                return;
            }
            handle(run, sample);
        } catch (RuntimeException e) {
            // storage trouble: the claim lapses and the sweeper hands the sample out again
            Log.errorf(e, "Could not process sample %s", id);
        } finally {
            inFlight.remove(id);
        }
    }

    private RunContext context(UUID runId) {
        CompletableFuture<Object> known = contexts.getIfPresent(runId);
        if (known != null) {
            return (RunContext) known.join();
        }
        RunContext run = runs.context(runId, defaultModel);
        if (run != null) {
            contexts.put(runId, CompletableFuture.completedFuture(run));
        }
        return run;
    }

    /** One policy for every mode: a failure fails only this sample, with its reason; a stop gives it back. */
    private void handle(RunContext run, SampleState sample) {
        try {
            handlers.get(run.mode()).process(run, sample, this::stopRequested);
            metrics.sampleFinished(run.model(), true);
        } catch (CancellationException e) {
            claims.release(sample.id());
        } catch (EndpointAuthException e) {
            // every further call would be refused too: the run waits for a fixed key instead of failing every sample
            String reason = "Paused: the model endpoint refused the credentials (" + e.getMessage()
                    + "). Fix the API key, then resume the run.";
            claims.release(sample.id());
            if (runs.pause(run.runId(), reason)) {
                Log.warnf("Run %s paused: %s", run.runId(), reason);
            }
        } catch (RuntimeException e) {
            String reason = redactor.redact(reason(e));
            Log.warnf("Sample %s of run %s failed: %s", sample.id(), run.runId(), reason);
            store.fail(sample, reason);
            metrics.sampleFinished(run.model(), false);
        }
    }

    /** What a failed sample says: the endpoint's status and message for model calls, else the error; never empty. */
    static String reason(Throwable e) {
        if (e instanceof ModelCallException call) {
            return call.getMessage();
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = e.getMessage() != null && !e.getMessage().isBlank() ? e.getMessage() : root.getMessage();
        return e.getClass().getSimpleName() + ": "
                + (message != null && !message.isBlank() ? message : root.getClass().getSimpleName());
    }

    /** Keeps the claims on the samples in flight here alive, in one statement, however long they take. */
    @io.quarkus.scheduler.Scheduled(every = "${cai.pipeline.lease-renewal:5s}",
            concurrentExecution = io.quarkus.scheduler.Scheduled.ConcurrentExecution.SKIP)
    void renewLeases() {
        try {
            claims.renewLeases(instance, java.util.List.copyOf(inFlight));
        } catch (RuntimeException e) {
            // a busy database: the next heartbeat renews them, well before the lease runs out
            Log.warnf("Could not renew the claims of %d sample(s) this time: %s", inFlight.size(), e.getMessage());
        }
    }

    /** Paused or cancelled runs stop between stages (within a second, on every replica). */
    private boolean stopRequested(UUID runId) {
        return !statuses.isRunning(runId);
    }

}
