package io.caitune.pipeline;

import io.caitune.run.Run;
import io.caitune.run.RunStatus;
import io.quarkus.cache.Cache;
import io.quarkus.cache.CacheName;
import io.quarkus.cache.CaffeineCache;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * Whether a run is still RUNNING, as the database says. A RUNNING answer is kept for a second per run (the
 * {@code run-running} cache's expiry): samples check it before every stage, and a pause or cancel made on any replica
 * takes effect within that second. Any other answer is read again each time, so work items handed out right after a
 * resume are never turned away by a stale PAUSED.
 */
@ApplicationScoped
public class RunStatusCache {

    private final CaffeineCache running;

    public RunStatusCache(@CacheName("run-running") Cache running) {
        this.running = running.as(CaffeineCache.class);
    }

    public boolean isRunning(UUID runId) {
        if (running.getIfPresent(runId) != null) {
            return true;
        }
        RunStatus status = QuarkusTransaction.joiningExisting().call(() -> Run.getEntityManager()
                .createQuery("select status from Run where id = ?1", RunStatus.class).setParameter(1, runId)
                .getResultStream().findFirst().orElse(RunStatus.CANCELLED));
        if (status == RunStatus.RUNNING) {
            running.put(runId, CompletableFuture.completedFuture(Boolean.TRUE));
            return true;
        }
        running.invalidate(runId).await().indefinitely();
        return false;
    }
}
