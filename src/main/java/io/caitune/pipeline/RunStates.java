package io.caitune.pipeline;

import io.caitune.constitution.Constitution;
import io.caitune.run.Run;
import io.caitune.run.RunStatus;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The run-level state the pipeline reads and changes: which runs to work on, starting one, pausing one for a reason it
 * found, and what a running run's samples need ({@link RunContext}). A person's changes are the run package's.
 */
@ApplicationScoped
public class RunStates {

    private final EntityManager em;

    public RunStates(EntityManager em) {
        this.em = em;
    }

    /** What a run's samples need; null when the run is not RUNNING (paused, cancelled, over or unknown). */
    @Transactional
    public RunContext context(UUID runId, String defaultModel) {
        Run run = Run.findById(runId);
        if (run == null || run.status != RunStatus.RUNNING) {
            return null;
        }
        return RunContext.of(run, Constitution.findById(run.constitutionId), defaultModel);
    }

    /** QUEUED → RUNNING; true when the run is (now) running. */
    @Transactional
    public boolean markRunning(UUID runId) {
        int started = em.createQuery("update Run set status = ?1, startedAt = ?2 where id = ?3 and status = ?4")
                .setParameter(1, RunStatus.RUNNING).setParameter(2, Instant.now()).setParameter(3, runId)
                .setParameter(4, RunStatus.QUEUED).executeUpdate();
        Run run = Run.findById(runId);
        boolean running = run != null && run.status == RunStatus.RUNNING;
        if (running) {
            Log.infof("Run %s %s: %s, %d prompts (%d completed, %d failed so far), model %s", runId,
                    started == 1 ? "started" : "resumed", run.mode, run.total, run.completed, run.failed,
                    run.modelId != null ? run.modelId : "default");
        }
        return running;
    }

    /**
     * Pauses a running run for a reason the pipeline found (the endpoint refused the API key): the run waits for a
     * person instead of failing every sample. True when this call paused it.
     */
    @Transactional
    public boolean pause(UUID runId, String reason) {
        return em.createQuery("update Run set status = ?1, error = ?2 where id = ?3 and status = ?4")
                .setParameter(1, RunStatus.PAUSED).setParameter(2, reason).setParameter(3, runId)
                .setParameter(4, RunStatus.RUNNING).executeUpdate() > 0;
    }

    /** Runs to work on (queued or running), oldest first. */
    @Transactional
    public List<UUID> runningRuns() {
        return em.createQuery("select r.id from Run r where r.status in ?1 order by r.createdAt", UUID.class)
                .setParameter(1, List.of(RunStatus.QUEUED, RunStatus.RUNNING))
                .getResultList();
    }
}
