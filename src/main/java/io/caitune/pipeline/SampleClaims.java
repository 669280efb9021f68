package io.caitune.pipeline;

import io.caitune.config.CaiConfig;
import io.caitune.run.SampleRound;
import io.caitune.run.SampleStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Who works on which sample: claims with a lease ({@code cai.pipeline.lease}), renewed while the work lasts and given
 * back when it stops. A claim is a conditional update, so a redelivered work item or a second replica can never take
 * a sample another one holds.
 */
@ApplicationScoped
public class SampleClaims {

    private static final String CLAIM_ROW = "select run_id, position, prompt, initial_answer from sample where id = ?";
    private static final String CLAIM = """
            update sample set status = ?, claimed_by = ?, lease_until = ?, updated_at = ?
            where id = ? and (status = ? or (status = ? and (lease_until < ? or claimed_by = ?)))""";

    private final EntityManager em;
    private final Duration lease;

    public SampleClaims(EntityManager em, CaiConfig config) {
        this.em = em;
        this.lease = config.pipeline().lease();
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
     * Claims a sample for this process until the lease from now. Only one claimant wins: the conditional update
     * matches a pending sample, one whose claim expired, or one this same process claimed before a restart. Null when
     * the sample is finished, held elsewhere, or its run is not running.
     */
    @Transactional
    public SampleState claim(UUID sampleId, String instance, Predicate<UUID> runRunning) {
        // a projection in plain SQL: nothing for Hibernate to track, translate or flush on this hot path
        SampleState row = SampleSql.query(em, CLAIM_ROW, rows -> rows.next()
                ? new SampleState(sampleId, rows.getObject(1, UUID.class), rows.getInt(2), rows.getString(3),
                        rows.getString(4), Map.of())
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
        if (row.initialAnswer() == null) {
            return row; // rounds only ever follow a stored answer
        }
        Map<Integer, SampleRound> rounds = SampleRound.<SampleRound>list("sampleId", sampleId).stream()
                .collect(Collectors.toMap(r -> r.round, Function.identity()));
        return new SampleState(sampleId, row.runId(), row.position(), row.prompt(), row.initialAnswer(), rounds);
    }

    /** Extends the claims this process holds on the samples it is working on. */
    @Transactional
    public void renewLeases(String instance, Collection<UUID> sampleIds) {
        if (!sampleIds.isEmpty()) {
            em.createQuery("update Sample set leaseUntil = ?1 where claimedBy = ?2 and status = ?3 and id in ?4")
                    .setParameter(1, Instant.now().plus(lease)).setParameter(2, instance)
                    .setParameter(3, SampleStatus.RUNNING).setParameter(4, sampleIds).executeUpdate();
        }
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
}
