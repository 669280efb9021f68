package io.caitune.pipeline;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Timers per stage and counters of finished samples, tagged by the run's model. The AI services are built per call
 * ({@link RunChatModel}), outside the extension's own per-service timers, so {@code cai.pipeline.stage} is the one
 * timer of model calls; its stage, model and outcome tags are what the dashboards read.
 */
@ApplicationScoped
public class PipelineMetrics {

    private final MeterRegistry registry;

    public PipelineMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Runs a model call and records its duration; returns the result and its latency. */
    public <T> Timed<T> time(String stage, String model, Supplier<T> call) {
        long start = System.nanoTime();
        String outcome = "error";
        try {
            T result = call.get();
            outcome = "success";
            return new Timed<>(result, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
        } finally {
            // the registry keeps one timer per tag set: registering again finds it
            Timer.builder("cai.pipeline.stage").description("Model calls per pipeline stage")
                    .tag("stage", stage).tag("model", model).tag("outcome", outcome).register(registry)
                    .record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        }
    }

    public void sampleFinished(String model, boolean completed) {
        Counter.builder("cai.pipeline.samples")
                .description("Samples finished")
                .tag("model", model).tag("outcome", completed ? "completed" : "failed")
                .register(registry)
                .increment();
    }

    public record Timed<T>(T value, long latencyMs) {
    }
}
