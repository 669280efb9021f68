package io.caitune.pipeline;

import io.caitune.config.CaiConfig;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import io.caitune.run.RunMode;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Streams a run's prompts through the {@link SampleHandler} of its mode with Mutiny, at most {@code cai.pipeline.concurrency}
 * prompts in flight. Model calls are blocking, so they run on a dedicated pool of that size shared by all runs:
 * the cap holds for the whole process, and a slow provider cannot starve the HTTP worker pool.
 */
@ApplicationScoped
public class RunOrchestrator {

    private final Map<RunMode, SampleHandler> handlers;
    private final StageStore store;
    private final CaiConfig config;
    private final String defaultModel;
    private final ExecutorService modelCalls;
    private final ConcurrentHashMap<UUID, Cancellable> active = new ConcurrentHashMap<>();
    private final Set<UUID> cancelled = ConcurrentHashMap.newKeySet();

    public RunOrchestrator(Instance<SampleHandler> handlers, StageStore store, CaiConfig config,
            @ConfigProperty(name = "quarkus.langchain4j.openai.chat-model.model-name") String defaultModel) {
        this.handlers = handlers.stream().collect(Collectors.toMap(SampleHandler::mode, Function.identity()));
        this.store = store;
        this.config = config;
        this.defaultModel = defaultModel;
        AtomicInteger threads = new AtomicInteger();
        this.modelCalls = Executors.newFixedThreadPool(config.pipeline().concurrency(), r -> {
            Thread t = new Thread(r, "cai-model-call-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    void resumeOnStart(@Observes StartupEvent event) {
        if (!config.pipeline().resumeOnStart()) {
            return;
        }
        List<UUID> runs = store.unfinishedRuns();
        if (!runs.isEmpty()) {
            Log.infof("Resuming %d unfinished run(s)", runs.size());
            runs.forEach(this::submit);
        }
    }

    void shutdown(@Observes ShutdownEvent event) {
        active.values().forEach(Cancellable::cancel);
        modelCalls.shutdownNow();
    }

    /** Starts (or resumes) a run in the background; returns at once. */
    public void submit(UUID runId) {
        RunContext run = store.start(runId, defaultModel);
        if (run == null) {
            return;
        }
        SampleHandler handler = handlers.get(run.mode());
        List<UUID> samples = store.unfinishedSamples(runId);
        int concurrency = config.pipeline().concurrency();
        Cancellable subscription = Multi.createFrom().iterable(samples)
                .onItem().transformToUni(sampleId -> Uni.createFrom()
                        .item(() -> {
                            handler.process(run, sampleId, cancelled::contains);
                            return sampleId;
                        })
                        .runSubscriptionOn(modelCalls)
                        .onFailure().recoverWithItem(failure -> {
                            // storage trouble, not a model failure: the sample stays unfinished and resumes later
                            Log.errorf(failure, "Could not process sample %s of run %s", sampleId, runId);
                            return sampleId;
                        }))
                .merge(concurrency)
                .onCompletion().invoke(() -> finish(runId))
                .onFailure().invoke(failure -> fail(runId, failure))
                .subscribe().with(ignored -> {
                }, failure -> {
                });
        active.put(runId, subscription);
    }

    public void cancel(UUID runId) {
        cancelled.add(runId);
        Cancellable subscription = active.remove(runId);
        if (subscription != null) {
            subscription.cancel();
        }
    }

    public int activeRuns() {
        return active.size();
    }

    private void finish(UUID runId) {
        active.remove(runId);
        try {
            store.finish(runId);
        } catch (RuntimeException e) {
            Log.errorf(e, "Could not close run %s", runId);
        }
    }

    private void fail(UUID runId, Throwable failure) {
        active.remove(runId);
        Log.errorf(failure, "Run %s stopped", runId);
        store.failRun(runId, failure.getClass().getSimpleName() + ": " + failure.getMessage());
    }
}
