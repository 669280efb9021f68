package io.caitune.pipeline;

import io.caitune.config.CaiConfig;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.context.ManagedExecutor;
import org.eclipse.microprofile.context.ThreadContext;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

/**
 * Hands a run's claimable samples to the work channel, one message (the sample id) per prompt. Samples are read
 * from the database page by page and sent only while fewer than {@code cai.pipeline.queue-window} messages are
 * unacknowledged, so memory stays flat whatever the size of the run. The database stays the source of truth: a
 * message is only a hint to look at a sample, and claims make duplicates harmless.
 */
@ApplicationScoped
public class WorkFeeder {

    static final int PAGE = 500;

    private final MutinyEmitter<String> work;
    private final SampleClaims claims;
    private final Semaphore window;
    private final int windowSize;
    private final String instance;
    private final Set<UUID> feeding = ConcurrentHashMap.newKeySet();
    /** One thread per run being fed (it waits on the window), from Quarkus' worker pool. */
    private final ManagedExecutor feeders = ManagedExecutor.builder().propagated(ThreadContext.NONE)
            .cleared(ThreadContext.ALL_REMAINING).build();

    public WorkFeeder(@Channel("work-out") MutinyEmitter<String> work, SampleClaims claims, CaiConfig config,
            MeterRegistry registry) {
        this.work = work;
        this.claims = claims;
        this.windowSize = config.pipeline().queueWindow();
        this.instance = Instances.id(config);
        this.window = new Semaphore(windowSize);
        Gauge.builder("cai.pipeline.queue.depth", () -> windowSize - window.availablePermits())
                .description("Work items sent and not yet finished by this process's feeders")
                .register(registry);
    }

    /** Starts feeding the run in the background, unless this process is feeding it already. */
    public void feed(UUID runId) {
        if (feeding.add(runId)) {
            feeders.execute(() -> {
                try {
                    feedAll(runId);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (RuntimeException e) {
                    Log.errorf(e, "Feeding run %s stopped; the sweeper will pick it up again", runId);
                } finally {
                    feeding.remove(runId);
                }
            });
        }
    }

    /**
     * Hands a work item out again at the given time: a sample another instance claimed, whose claim this process had
     * to refuse. If that instance died, its lease runs out and the item is taken here instead of being lost.
     */
    public void resendAt(UUID sampleId, java.time.Instant at) {
        long delayMs = Math.max(0, java.time.Duration.between(java.time.Instant.now(), at).toMillis()) + 200;
        Uni.createFrom().voidItem().onItem().delayIt().by(java.time.Duration.ofMillis(delayMs)).subscribe()
                .with(ignored -> {
                    if (!feeders.isShutdown()) {
                        work.sendMessageAndForget(Message.of(sampleId.toString()));
                    }
                });
    }

    public boolean isFeeding(UUID runId) {
        return feeding.contains(runId);
    }

    void shutdown(@Observes ShutdownEvent event) {
        feeders.shutdownNow();
    }

    private void feedAll(UUID runId) throws InterruptedException {
        int after = -1;
        while (true) {
            List<SampleRef> page = claims.claimable(runId, after, PAGE, instance);
            for (SampleRef sample : page) {
                window.acquire();
                CompletableFuture<Void> done = new CompletableFuture<>();
                done.whenComplete((ignored, failure) -> window.release());
                work.sendMessageAndForget(Message.of(sample.id().toString())
                        .withAck(() -> {
                            done.complete(null);
                            return CompletableFuture.completedFuture(null);
                        })
                        .withNack(failure -> {
                            done.complete(null);
                            return CompletableFuture.completedFuture(null);
                        }));
            }
            if (page.size() < PAGE) {
                return;
            }
            after = page.get(page.size() - 1).position();
        }
    }
}
