package io.caitune.pipeline;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/** Timers per stage and counters of finished samples, tagged by model. */
@ApplicationScoped
public class PipelineMetrics {

    private final MeterRegistry registry;
    private final Map<List<String>, Timer> timers = new ConcurrentHashMap<>();

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
            timers.computeIfAbsent(List.of(stage, model, outcome), key -> Timer.builder("cai.pipeline.stage")
                    .description("Model calls per pipeline stage")
                    .tag("stage", key.get(0)).tag("model", key.get(1)).tag("outcome", key.get(2))
                    .register(registry))
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
