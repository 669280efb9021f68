package io.caitune.pipeline;

import io.caitune.run.SampleStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * Every stage result of a sample, each in its own short transaction, as soon as it exists. The final write is a
 * conditional update on the claimed sample, counted on its run in the same transaction ({@link RunCounters}), so a
 * redelivered work item or a second replica can never finish a sample twice or count it twice. Claims are
 * {@link SampleClaims}', run states {@link RunStates}'.
 */
@ApplicationScoped
public class StageStore {

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
    private final RunCounters counters;

    public StageStore(EntityManager em, RunCounters counters) {
        this.em = em;
        this.counters = counters;
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

    private void finish(SampleState sample, SampleStatus status, String finalRevision, String error) {
        // milliseconds: every database stores them exactly, so the closed run can be found by its finishedAt
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        int updated = SampleSql.update(em, FINISH, status, finalRevision, error, now, sample.id(), SampleStatus.RUNNING);
        if (updated > 0) {
            counters.count(sample.runId(), status, now);
        }
    }
}
