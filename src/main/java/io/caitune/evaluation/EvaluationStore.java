package io.caitune.evaluation;

import dev.langchain4j.model.chat.request.ChatRequestParameters;
import io.caitune.constitution.Constitution;
import io.caitune.evaluation.WinRate.Counts;
import io.caitune.preference.ComparisonQuestions;
import io.caitune.preference.FeedbackVerdict;
import io.caitune.pipeline.ErrorText;
import io.caitune.preference.Outcome;
import io.caitune.preference.PairVerdict;
import io.caitune.run.Run;
import io.caitune.run.Sample;
import io.caitune.run.SampleStatus;
import io.caitune.security.CurrentUser;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;

/** Evaluations and their judgements; each judgement is written in its own short transaction. */
@ApplicationScoped
public class EvaluationStore {


    /** A judgement still to be made, with the texts it shows. */
    public record Pending(UUID id, String prompt, String initialAnswer, String revision, String principle) {
    }

    /** What the runner needs for one evaluation. */
    public record Work(UUID evaluationId, boolean chainOfThought, ChatRequestParameters parameters, String model,
            ComparisonQuestions questions, List<Pending> pending) {
    }

    /**
     * Creates the evaluation and one pending judgement per (drawn prompt, principle). Prompts are drawn from the run's
     * completed samples with the seed, so the same request draws the same prompts.
     */
    @Transactional
    public Evaluation create(Run run, int samples, long seed, boolean chainOfThought) {
        List<UUID> completed = Sample.getEntityManager()
                .createQuery("select s.id from Sample s where s.runId = ?1 and s.status = ?2 "
                        + "and s.initialAnswer is not null and s.finalRevision is not null order by s.position",
                        UUID.class)
                .setParameter(1, run.id).setParameter(2, SampleStatus.COMPLETED).getResultList();
        if (completed.isEmpty()) {
            return null;
        }
        List<UUID> drawn = new ArrayList<>(completed);
        Collections.shuffle(drawn, new Random(seed));
        drawn = drawn.subList(0, Math.min(samples, drawn.size()));
        ComparisonQuestions questions = ComparisonQuestions.of(Constitution.findById(run.constitutionId));

        Evaluation e = new Evaluation();
        e.id = UUID.randomUUID();
        e.runId = run.id;
        e.status = Evaluation.Status.RUNNING;
        e.requested = samples;
        e.seed = seed;
        e.chainOfThought = chainOfThought;
        e.createdAt = Instant.now();
        e.createdBy = CurrentUser.name();
        e.persist();
        for (UUID sampleId : drawn) {
            for (ComparisonQuestions.Question q : questions.questions()) {
                EvaluationJudgement j = new EvaluationJudgement();
                j.id = UUID.randomUUID();
                j.evaluationId = e.id;
                j.sampleId = sampleId;
                j.principleIndex = q.index();
                j.principle = q.text();
                j.outcome = Outcome.PENDING;
                j.persist();
            }
        }
        return e;
    }

    /** The evaluation's pending judgements and settings; null when it is over. */
    @Transactional
    public Work work(UUID evaluationId, ChatRequestParameters parameters, String model) {
        Evaluation e = Evaluation.findById(evaluationId);
        if (e == null || e.status != Evaluation.Status.RUNNING) {
            return null;
        }
        Run run = Run.findById(e.runId);
        List<Pending> pending = Sample.getEntityManager().createQuery(
                "select j.id, s.prompt, s.initialAnswer, s.finalRevision, j.principle from EvaluationJudgement j, "
                        + "Sample s where s.id = j.sampleId and j.evaluationId = ?1 and j.outcome = ?2 "
                        + "order by s.position, j.principleIndex", Object[].class)
                .setParameter(1, evaluationId).setParameter(2, Outcome.PENDING).getResultStream()
                .map(r -> new Pending((UUID) r[0], (String) r[1], (String) r[2], (String) r[3], (String) r[4]))
                .toList();
        return new Work(e.id, e.chainOfThought, parameters, run.modelId != null ? run.modelId : model,
                ComparisonQuestions.of(Constitution.findById(run.constitutionId)), pending);
    }

    /** Stores a judgement; in the original order the initial answer was (A), the revision (B). */
    @Transactional
    public void save(UUID judgementId, PairVerdict verdict) {
        EvaluationJudgement j = EvaluationJudgement.findById(judgementId);
        if (j.outcome != Outcome.PENDING) {
            return;
        }
        j.outcome = verdict.outcome();
        j.revisionWins = verdict.firstWins() == null ? null : !verdict.firstWins();
        j.revisionProbability = verdict.firstProbability() == null ? null : 1 - verdict.firstProbability();
        if (verdict.original() != null) {
            FeedbackVerdict.forJudgement(verdict.original(), false, j.id).persist();
            FeedbackVerdict.forJudgement(verdict.swapped(), true, j.id).persist();
        }
    }

    @Transactional
    public void fail(UUID judgementId, String error) {
        EvaluationJudgement j = EvaluationJudgement.findById(judgementId);
        if (j.outcome == Outcome.PENDING) {
            j.outcome = Outcome.FAILED;
            j.error = ErrorText.stored(error);
        }
    }

    @Transactional
    public void finish(UUID evaluationId, String error) {
        Evaluation e = Evaluation.findById(evaluationId);
        if (e != null && e.status == Evaluation.Status.RUNNING) {
            e.status = error == null ? Evaluation.Status.COMPLETED : Evaluation.Status.FAILED;
            e.error = error;
            e.finishedAt = Instant.now();
        }
    }

    @Transactional
    public List<UUID> running() {
        return Evaluation.getEntityManager()
                .createQuery("select e.id from Evaluation e where e.status = ?1", UUID.class)
                .setParameter(1, Evaluation.Status.RUNNING).getResultList();
    }

    /** The evaluation with its win rates computed from the stored judgements. */
    @Transactional
    public EvaluationView view(Evaluation e) {
        Map<Integer, String> names = new TreeMap<>();
        Map<Integer, Counts> counts = new TreeMap<>();
        for (Object[] row : Evaluation.getEntityManager().createQuery(
                "select j.principleIndex, j.principle, j.outcome, j.revisionWins, count(j) from EvaluationJudgement j "
                        + "where j.evaluationId = ?1 group by j.principleIndex, j.principle, j.outcome, j.revisionWins",
                Object[].class).setParameter(1, e.id).getResultList()) {
            int index = (Integer) row[0];
            names.put(index, (String) row[1]);
            counts.merge(index, counts((Outcome) row[2], (Boolean) row[3], (Long) row[4]), Counts::plus);
        }
        long samples = EvaluationJudgement.getEntityManager()
                .createQuery("select count(distinct j.sampleId) from EvaluationJudgement j where j.evaluationId = ?1",
                        Long.class)
                .setParameter(1, e.id).getSingleResult();
        Counts overall = counts.values().stream().reduce(WinRate.NONE, Counts::plus);
        List<EvaluationView.PrincipleResult> principles = counts.entrySet().stream()
                .map(en -> new EvaluationView.PrincipleResult(en.getKey(), names.get(en.getKey()),
                        WinRate.of(en.getValue())))
                .toList();
        return new EvaluationView(e.id, e.runId, e.status, e.requested, samples, e.seed, e.chainOfThought,
                WinRate.of(overall), principles, e.createdAt, e.finishedAt, e.error, e.createdBy);
    }

    static Counts counts(Outcome outcome, Boolean revisionWins, long n) {
        return switch (outcome) {
            case AGREED -> Boolean.TRUE.equals(revisionWins) ? new Counts(n, 0, 0, 0, 0, 0, 0)
                    : new Counts(0, n, 0, 0, 0, 0, 0);
            case DISAGREED -> new Counts(0, 0, n, 0, 0, 0, 0);
            case IDENTICAL -> new Counts(0, 0, 0, n, 0, 0, 0);
            case UNPARSEABLE -> new Counts(0, 0, 0, 0, n, 0, 0);
            case FAILED -> new Counts(0, 0, 0, 0, 0, n, 0);
            case PENDING -> new Counts(0, 0, 0, 0, 0, 0, n);
        };
    }
}
