package io.caitune.pipeline;

import io.caitune.constitution.Constitution;
import io.caitune.run.Run;
import io.caitune.run.RunStatus;
import io.caitune.run.Sample;
import io.caitune.run.SampleCounts;
import io.caitune.run.SampleRound;
import io.caitune.run.SampleStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Writes every stage result in its own short transaction, as soon as it exists. */
@ApplicationScoped
public class StageStore {

    private static final int MAX_ERROR = 2000;

    /** Marks the run running and returns what its samples need; null when the run is already over. */
    @Transactional
    public RunContext start(UUID runId, String defaultModel) {
        Run run = Run.findById(runId);
        if (run == null || run.status.isFinal()) {
            return null;
        }
        if (run.status == RunStatus.QUEUED) {
            run.status = RunStatus.RUNNING;
            run.startedAt = Instant.now();
        }
        return RunContext.of(run, Constitution.findById(run.constitutionId), defaultModel);
    }

    @Transactional
    public List<UUID> unfinishedSamples(UUID runId) {
        return Sample.getEntityManager()
                .createQuery("select s.id from Sample s where s.runId = ?1 and s.status in ?2 order by s.position",
                        UUID.class)
                .setParameter(1, runId)
                .setParameter(2, List.of(SampleStatus.PENDING, SampleStatus.RUNNING))
                .getResultList();
    }

    /** Claims a sample for processing; null when it has already finished. */
    @Transactional
    public SampleState begin(UUID sampleId) {
        Sample sample = Sample.findById(sampleId);
        if (sample == null || sample.status == SampleStatus.COMPLETED || sample.status == SampleStatus.FAILED) {
            return null;
        }
        sample.status = SampleStatus.RUNNING;
        sample.updatedAt = Instant.now();
        var rounds = SampleRound.<SampleRound>list("sampleId", sampleId).stream()
                .collect(Collectors.toMap(r -> r.round, Function.identity()));
        return new SampleState(sample.id, sample.position, sample.prompt, sample.initialAnswer, rounds);
    }

    @Transactional
    public void saveAnswer(UUID sampleId, String answer, long latencyMs) {
        Sample sample = Sample.findById(sampleId);
        sample.initialAnswer = answer;
        sample.answerLatencyMs = latencyMs;
        sample.updatedAt = Instant.now();
    }

    @Transactional
    public void saveCritique(UUID sampleId, int round, int principleIndex, RunContext.PrincipleText principle,
            String critique, long latencyMs) {
        SampleRound r = SampleRound.find("sampleId = ?1 and round = ?2", sampleId, round).firstResult();
        if (r == null) {
            r = new SampleRound();
            r.id = UUID.randomUUID();
            r.sampleId = sampleId;
            r.round = round;
        }
        r.principleIndex = principleIndex;
        r.principleName = principle.name();
        r.critiqueRequest = principle.critique();
        r.revisionRequest = principle.revision();
        r.critique = critique;
        r.critiqueLatencyMs = latencyMs;
        r.persist();
    }

    @Transactional
    public void saveRevision(UUID sampleId, int round, String revision, long latencyMs) {
        SampleRound r = SampleRound.find("sampleId = ?1 and round = ?2", sampleId, round).singleResult();
        r.revision = revision;
        r.revisionLatencyMs = latencyMs;
    }

    @Transactional
    public void complete(UUID sampleId, String finalRevision) {
        Sample sample = Sample.findById(sampleId);
        sample.finalRevision = finalRevision;
        sample.status = SampleStatus.COMPLETED;
        sample.error = null;
        sample.updatedAt = Instant.now();
    }

    @Transactional
    public void fail(UUID sampleId, String error) {
        Sample sample = Sample.findById(sampleId);
        sample.status = SampleStatus.FAILED;
        sample.error = error == null ? "unknown error"
                : error.length() > MAX_ERROR ? error.substring(0, MAX_ERROR) : error;
        sample.updatedAt = Instant.now();
    }

    /** Puts a claimed sample back, e.g. when its run was cancelled mid-way. */
    @Transactional
    public void release(UUID sampleId) {
        Sample sample = Sample.findById(sampleId);
        if (sample.status == SampleStatus.RUNNING) {
            sample.status = SampleStatus.PENDING;
            sample.updatedAt = Instant.now();
        }
    }

    /** Closes a run whose prompts have all been handled: FAILED only when every sample failed. */
    @Transactional
    public void finish(UUID runId) {
        Run run = Run.findById(runId);
        if (run == null || run.status != RunStatus.RUNNING) {
            return;
        }
        SampleCounts counts = SampleCounts.of(runId);
        if (counts.completed() + counts.failed() < run.total) {
            return;
        }
        boolean allFailed = run.total > 0 && counts.failed() == run.total;
        run.status = allFailed ? RunStatus.FAILED : RunStatus.COMPLETED;
        run.error = allFailed ? "Every sample failed; see the samples' errors" : null;
        run.finishedAt = Instant.now();
    }

    @Transactional
    public void failRun(UUID runId, String error) {
        Run run = Run.findById(runId);
        if (run != null && !run.status.isFinal()) {
            run.status = RunStatus.FAILED;
            run.error = error;
            run.finishedAt = Instant.now();
        }
    }

    @Transactional
    public List<UUID> unfinishedRuns() {
        return Run.getEntityManager()
                .createQuery("select r.id from Run r where r.status in ?1 order by r.createdAt", UUID.class)
                .setParameter(1, List.of(RunStatus.QUEUED, RunStatus.RUNNING))
                .getResultList();
    }
}
