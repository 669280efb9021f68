package io.caitune.pipeline;

import io.caitune.run.Run;
import io.caitune.run.RunStatus;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Whether a run is still RUNNING, as the database says. A RUNNING answer is kept for a second per run: samples check
 * it before every stage, and a pause or cancel made on any replica takes effect within that second. Any other answer
 * is read again each time, so work items handed out right after a resume are never turned away by a stale PAUSED.
 */
@ApplicationScoped
public class RunStatusCache {

    private static final long TTL_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final Map<UUID, Long> runningSince = new ConcurrentHashMap<>();

    public boolean isRunning(UUID runId) {
        long now = System.nanoTime();
        Long readAt = runningSince.get(runId);
        if (readAt != null && now - readAt <= TTL_NANOS) {
            return true;
        }
        RunStatus status = QuarkusTransaction.joiningExisting().call(() -> Run.getEntityManager()
                .createQuery("select status from Run where id = ?1", RunStatus.class).setParameter(1, runId)
                .getResultStream().findFirst().orElse(RunStatus.CANCELLED));
        if (status == RunStatus.RUNNING) {
            runningSince.put(runId, now);
            return true;
        }
        runningSince.remove(runId);
        return false;
    }
}
