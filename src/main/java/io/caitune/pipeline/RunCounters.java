package io.caitune.pipeline;

import io.caitune.run.RunStatus;
import io.caitune.run.SampleStatus;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * Counts a finished sample on its run and closes the run when it was the last one, in the transaction of the
 * sample's final write (so a sample is counted exactly once).
 */
@ApplicationScoped
public class RunCounters {

    private static final String ALL_FAILED = "Every sample failed; see the samples' errors";
    // one statement counts the sample and, when it was the last one of a running run, closes the run: the row lock
    // orders concurrent finishes, and every right-hand side reads the row as it was before the update
    private static final String COUNT_COMPLETED = """
            update run set completed = completed + 1,
                status = case when status = ? and completed + 1 + failed >= total
                    then (case when failed > 0 then ? else ? end) else status end,
                finished_at = case when status = ? and completed + 1 + failed >= total then ? else finished_at end
            where id = ?""";
    private static final String COUNT_FAILED = """
            update run set failed = failed + 1,
                status = case when status = ? and completed + failed + 1 >= total
                    then (case when failed + 1 >= total then ? else ? end) else status end,
                error = case when status = ? and failed + 1 >= total then ? else error end,
                finished_at = case when status = ? and completed + failed + 1 >= total then ? else finished_at end
            where id = ?""";

    private final EntityManager em;

    RunCounters(EntityManager em) {
        this.em = em;
    }

    /** {@code now} in milliseconds: every database stores them exactly, so the closed run is found by it. */
    @Transactional(Transactional.TxType.MANDATORY)
    void count(UUID runId, SampleStatus status, Instant now) {
        if (status == SampleStatus.COMPLETED) {
            SampleSql.update(em, COUNT_COMPLETED, RunStatus.RUNNING, RunStatus.COMPLETED_WITH_FAILURES,
                    RunStatus.COMPLETED, RunStatus.RUNNING, now, runId);
        } else {
            SampleSql.update(em, COUNT_FAILED, RunStatus.RUNNING, RunStatus.FAILED, RunStatus.COMPLETED_WITH_FAILURES,
                    RunStatus.RUNNING, ALL_FAILED, RunStatus.RUNNING, now, runId);
        }
        logIfClosed(runId, now);
    }

    /** One line when this finish closed the run (its finishedAt is this very instant): counts and duration. */
    private void logIfClosed(UUID runId, Instant now) {
        em.createQuery("select new io.caitune.pipeline.RunCounters$Closed(status, total, completed, failed, startedAt) "
                + "from Run where id = ?1 and finishedAt = ?2", Closed.class)
                .setParameter(1, runId).setParameter(2, now).getResultStream().findFirst()
                .ifPresent(c -> Log.infof("Run %s ended %s: %d completed, %d failed of %d prompts in %.1f s", runId,
                        c.status(), c.completed(), c.failed(), c.total(), c.startedAt() == null ? 0.0
                                : Duration.between(c.startedAt(), now).toMillis() / 1000.0));
    }

    /** What the end-of-run log line reads. */
    public record Closed(RunStatus status, int total, int completed, int failed, Instant startedAt) {
    }
}
