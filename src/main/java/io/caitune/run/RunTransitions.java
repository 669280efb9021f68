package io.caitune.run;

import io.caitune.security.CurrentUser;
import io.caitune.web.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.Arrays;
import java.util.UUID;

/**
 * The state changes a person asks for: cancel, pause, resume, retry the failed samples. Each checks the run's current
 * status under a row lock and answers 409 when the change does not apply.
 */
@ApplicationScoped
public class RunTransitions {

    private final EntityManager em;

    public RunTransitions(EntityManager em) {
        this.em = em;
    }

    /** Cancels a run: no new stage starts; samples already finished are kept. */
    @Transactional
    public Run cancel(UUID id) {
        Run run = require(id, "cancelled", RunStatus.QUEUED, RunStatus.RUNNING, RunStatus.PAUSED);
        run.status = RunStatus.CANCELLED;
        run.finishedAt = Instant.now();
        run.cancelledAt = run.finishedAt;
        run.cancelledBy = CurrentUser.name();
        return run;
    }

    /** Pauses a run: samples in flight stop after their current stage and are picked up again on resume. */
    @Transactional
    public Run pause(UUID id) {
        Run run = require(id, "paused", RunStatus.QUEUED, RunStatus.RUNNING);
        run.status = RunStatus.PAUSED;
        run.pausedAt = Instant.now();
        run.pausedBy = CurrentUser.name();
        return run;
    }

    @Transactional
    public Run resume(UUID id) {
        Run run = require(id, "resumed", RunStatus.PAUSED);
        run.status = RunStatus.RUNNING;
        // the reason of a pause by the pipeline (e.g. the endpoint refused the API key) is over once resumed
        run.error = null;
        if (run.startedAt == null) {
            run.startedAt = Instant.now();
        }
        return run;
    }

    /** Puts the failed samples back in the queue; the stages they had finished are kept. */
    @Transactional
    public Run retryFailed(UUID id) {
        Run run = require(id, "retried", RunStatus.RUNNING, RunStatus.PAUSED, RunStatus.COMPLETED,
                RunStatus.COMPLETED_WITH_FAILURES, RunStatus.FAILED);
        int reset = em.createQuery("update Sample set status = ?1, error = null, updatedAt = ?2 "
                + "where runId = ?3 and status = ?4")
                .setParameter(1, SampleStatus.PENDING).setParameter(2, Instant.now()).setParameter(3, id)
                .setParameter(4, SampleStatus.FAILED).executeUpdate();
        if (reset == 0) {
            throw ProblemException.conflict("Run " + id + " has no failed samples to retry");
        }
        run.failed -= reset;
        if (run.status.isFinal()) {
            run.status = RunStatus.RUNNING;
            run.finishedAt = null;
            run.error = null;
        }
        return run;
    }

    private static Run require(UUID id, String action, RunStatus... allowed) {
        // the row lock orders this change with the pipeline's own counter updates on the run
        Run run = ProblemException.found(Run.<Run>findById(id, LockModeType.PESSIMISTIC_WRITE), "Run", id);
        if (!Arrays.asList(allowed).contains(run.status)) {
            throw ProblemException.conflict("Run " + id + " is " + run.status + " and cannot be " + action);
        }
        return run;
    }
}
