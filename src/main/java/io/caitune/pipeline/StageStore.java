package io.caitune.pipeline;

import io.caitune.constitution.Constitution;
import io.caitune.run.Run;
import io.caitune.run.RunStatus;
import io.caitune.run.Sample;
import io.caitune.run.SampleRound;
import io.caitune.run.SampleStatus;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Every write of the pipeline, each in its own short transaction, as soon as its result exists. Claims and final
 * writes are conditional updates, so a redelivered work item or a second replica can never process a sample twice
 * or count it twice.
 */
@ApplicationScoped
public class StageStore {

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
    private static final String CLAIM_ROW = "select run_id, position, prompt, initial_answer from sample where id = ?";
    private static final String CLAIM = """
            update sample set status = ?, claimed_by = ?, lease_until = ?, updated_at = ?
            where id = ? and (status = ? or (status = ? and (lease_until < ? or claimed_by = ?)))""";
    private static final String SAVE_ANSWER =
            "update sample set initial_answer = ?, answer_latency_ms = ?, updated_at = ? where id = ?";
    private static final String SAVE_CRITIQUE = """
            insert into sample_round (id, sample_id, round, principle_index, principle_name, critique_request,
                revision_request, critique, critique_latency_ms) values (?, ?, ?, ?, ?, ?, ?, ?, ?)""";
    private static final String SAVE_REVISION =
            "update sample_round set revision = ?, revision_latency_ms = ? where sample_id = ? and round = ?";
    private static final String FINISH = """
            update sample set status = ?, final_revision = ?, error = ?, claimed_by = null, lease_until = null,
                updated_at = ?
            where id = ? and status = ?""";

    private final EntityManager em;
    private final Duration lease;

    public StageStore(EntityManager em, io.caitune.config.CaiConfig config) {
        this.em = em;
        this.lease = config.pipeline().lease();
    }

    /** Extends the claims this process holds on the samples it is working on. */
    @Transactional
    public void renewLeases(String instance, java.util.Collection<UUID> sampleIds) {
        if (!sampleIds.isEmpty()) {
            em.createQuery("update Sample set leaseUntil = ?1 where claimedBy = ?2 and status = ?3 and id in ?4")
                    .setParameter(1, Instant.now().plus(lease)).setParameter(2, instance)
                    .setParameter(3, SampleStatus.RUNNING).setParameter(4, sampleIds).executeUpdate();
        }
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
     * Samples waiting for work after {@code afterPosition}: pending, running under an expired claim, or claimed by
     * this same instance (left by a previous life of this process).
     */
    @Transactional
    public List<SampleRef> claimable(UUID runId, int afterPosition, int limit, String instance) {
        return em.createQuery("select new io.caitune.pipeline.SampleRef(s.id, s.position) from Sample s "
                + "where s.runId = ?1 and s.position > ?2 and (s.status = ?3 "
                + "or (s.status = ?4 and (s.leaseUntil < ?5 or s.claimedBy = ?6))) order by s.position", SampleRef.class)
                .setParameter(1, runId).setParameter(2, afterPosition)
                .setParameter(3, SampleStatus.PENDING).setParameter(4, SampleStatus.RUNNING)
                .setParameter(5, Instant.now()).setParameter(6, instance)
                .setMaxResults(limit).getResultList();
    }

    /**
     * Claims a sample for this process until the lease ({@code cai.pipeline.lease}) from now. Only one claimant wins:
     * the conditional update matches a pending sample, one whose claim expired, or one this same process claimed
     * before a restart. Null when the sample is finished, held elsewhere, or its run is not running.
     */
    @Transactional
    public SampleState claim(UUID sampleId, String instance, Predicate<UUID> runRunning) {
        // a projection in plain SQL: nothing for Hibernate to track, translate or flush on this hot path
        ClaimRow row = SampleSql.query(em, CLAIM_ROW, rows -> rows.next()
                ? new ClaimRow(rows.getObject(1, UUID.class), rows.getInt(2), rows.getString(3), rows.getString(4))
                : null, sampleId);
        if (row == null || !runRunning.test(row.runId())) {
            return null;
        }
        Instant now = Instant.now();
        int claimed = SampleSql.update(em, CLAIM, SampleStatus.RUNNING, instance, now.plus(lease), now, sampleId,
                SampleStatus.PENDING, SampleStatus.RUNNING, now, instance);
        if (claimed == 0) {
            return null;
        }
        // rounds only ever follow a stored answer
        Map<Integer, SampleRound> rounds = row.initialAnswer() == null ? Map.of()
                : SampleRound.<SampleRound>list("sampleId", sampleId).stream()
                        .collect(Collectors.toMap(r -> r.round, Function.identity()));
        return new SampleState(sampleId, row.runId(), row.position(), row.prompt(), row.initialAnswer(), rounds);
    }

    /** What a claim reads of a sample. */
    public record ClaimRow(UUID runId, int position, String prompt, String initialAnswer) {
    }

    @Transactional
    public void saveAnswer(UUID sampleId, String answer, long latencyMs) {
        SampleSql.update(em, SAVE_ANSWER, answer, latencyMs, Instant.now(), sampleId);
    }

    /** Creates the round with its critique: a claimed sample's round without a critique has no row yet. */
    @Transactional
    public void saveCritique(UUID sampleId, int round, int principleIndex, RunContext.PrincipleText principle,
            String critique, long latencyMs) {
        SampleSql.update(em, SAVE_CRITIQUE, UUID.randomUUID(), sampleId, round, principleIndex, principle.name(),
                principle.critique(), principle.revision(), critique, latencyMs);
    }

    @Transactional
    public void saveRevision(UUID sampleId, int round, String revision, long latencyMs) {
        updateRevision(sampleId, round, revision, latencyMs);
    }

    /** The last round's revision and the sample's completion, in one transaction. */
    @Transactional
    public void saveFinalRevision(SampleState sample, int round, String revision, long latencyMs) {
        updateRevision(sample.id(), round, revision, latencyMs);
        finish(sample, SampleStatus.COMPLETED, revision, null);
    }

    /**
     * The critique found nothing to fix: the round keeps the answer it critiqued as its revision, marked skipped,
     * and the sample completes with it when this was the last round.
     */
    @Transactional
    public void skipRevision(SampleState sample, int round, String answer, boolean last) {
        em.createQuery("update SampleRound set revision = ?1, revisionSkipped = true where sampleId = ?2 and round = ?3")
                .setParameter(1, answer).setParameter(2, sample.id()).setParameter(3, round).executeUpdate();
        if (last) {
            finish(sample, SampleStatus.COMPLETED, answer, null);
        }
    }

    private void updateRevision(UUID sampleId, int round, String revision, long latencyMs) {
        SampleSql.update(em, SAVE_REVISION, revision, latencyMs, sampleId, round);
    }

    /** Final write of a sample: counted once on its run, and the run closed when it was the last one. */
    @Transactional
    public void complete(SampleState sample, String finalRevision) {
        finish(sample, SampleStatus.COMPLETED, finalRevision, null);
    }

    @Transactional
    public void fail(SampleState sample, String error) {
        finish(sample, SampleStatus.FAILED, null, ErrorText.stored(error));
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

    /**
     * At start-up: the claims a previous life of this instance left are put back at once, so any replica (this one
     * included) takes them on the next work item instead of waiting for their leases. Returns how many.
     */
    @Transactional
    public int releaseClaimsOf(String instance) {
        return em.createQuery("update Sample set status = ?1, claimedBy = null, leaseUntil = null, updatedAt = ?2 "
                + "where claimedBy = ?3 and status = ?4")
                .setParameter(1, SampleStatus.PENDING).setParameter(2, Instant.now()).setParameter(3, instance)
                .setParameter(4, SampleStatus.RUNNING).executeUpdate();
    }

    /** Until when another instance's claim holds the sample; null when it is not held by another instance. */
    @Transactional
    public Instant heldElsewhereUntil(UUID sampleId, String instance) {
        return em.createQuery("select s.leaseUntil from Sample s where s.id = ?1 and s.status = ?2 "
                + "and s.claimedBy <> ?3", Instant.class)
                .setParameter(1, sampleId).setParameter(2, SampleStatus.RUNNING).setParameter(3, instance)
                .getResultStream().findFirst().orElse(null);
    }

    /** Puts a claimed sample back (its run was paused or cancelled mid-way); stored stages are kept. */
    @Transactional
    public void release(UUID sampleId) {
        em.createQuery("update Sample set status = ?1, claimedBy = null, leaseUntil = null, updatedAt = ?2 "
                + "where id = ?3 and status = ?4")
                .setParameter(1, SampleStatus.PENDING).setParameter(2, Instant.now()).setParameter(3, sampleId)
                .setParameter(4, SampleStatus.RUNNING).executeUpdate();
    }

    @Transactional
    public List<UUID> runningRuns() {
        return em.createQuery("select r.id from Run r where r.status in ?1 order by r.createdAt", UUID.class)
                .setParameter(1, List.of(RunStatus.QUEUED, RunStatus.RUNNING))
                .getResultList();
    }

    private void finish(SampleState sample, SampleStatus status, String finalRevision, String error) {
        // milliseconds: every database stores them exactly, so the closed run can be found by its finishedAt
        Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        int updated = SampleSql.update(em, FINISH, status, finalRevision, error, now, sample.id(), SampleStatus.RUNNING);
        if (updated == 0) {
            return;
        }
        if (status == SampleStatus.COMPLETED) {
            SampleSql.update(em, COUNT_COMPLETED, RunStatus.RUNNING, RunStatus.COMPLETED_WITH_FAILURES,
                    RunStatus.COMPLETED, RunStatus.RUNNING, now, sample.runId());
        } else {
            SampleSql.update(em, COUNT_FAILED, RunStatus.RUNNING, RunStatus.FAILED, RunStatus.COMPLETED_WITH_FAILURES,
                    RunStatus.RUNNING, ALL_FAILED, RunStatus.RUNNING, now, sample.runId());
        }
        logIfClosed(sample.runId(), now);
    }

    /** One line when this finish closed the run (its finishedAt is this very instant): counts and duration. */
    private void logIfClosed(UUID runId, Instant now) {
        em.createQuery("select new io.caitune.pipeline.StageStore$Closed(status, total, completed, failed, startedAt) "
                + "from Run where id = ?1 and finishedAt = ?2", Closed.class)
                .setParameter(1, runId).setParameter(2, now).getResultStream().findFirst()
                .ifPresent(c -> Log.infof("Run %s ended %s: %d completed, %d failed of %d prompts in %.1f s", runId,
                        c.status(), c.completed(), c.failed(), c.total(), c.startedAt() == null ? 0.0
                                : java.time.Duration.between(c.startedAt(), now).toMillis() / 1000.0));
    }

    /** What the end-of-run log line reads. */
    public record Closed(RunStatus status, int total, int completed, int failed, Instant startedAt) {
    }

}
