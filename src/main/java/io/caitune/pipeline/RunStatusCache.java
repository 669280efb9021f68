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
 * Whether a run is still RUNNING, as the database says, read at most once a second per run. Samples check it
 * before every stage; a pause or cancel made on any replica takes effect within that second.
 */
@ApplicationScoped
public class RunStatusCache {

    private static final long TTL_NANOS = TimeUnit.SECONDS.toNanos(1);

    private record Entry(RunStatus status, long readAt) {
    }

    private final Map<UUID, Entry> entries = new ConcurrentHashMap<>();

    public boolean isRunning(UUID runId) {
        long now = System.nanoTime();
        Entry entry = entries.get(runId);
        if (entry == null || now - entry.readAt() > TTL_NANOS) {
            RunStatus status = QuarkusTransaction.joiningExisting().call(() -> Run.getEntityManager()
                    .createQuery("select status from Run where id = ?1", RunStatus.class).setParameter(1, runId)
                    .getResultStream().findFirst().orElse(RunStatus.CANCELLED));
            entry = new Entry(status, now);
            if (status.isFinal()) {
                entries.remove(runId);
            } else {
                entries.put(runId, entry);
            }
        }
        return entry.status() == RunStatus.RUNNING;
    }
}
