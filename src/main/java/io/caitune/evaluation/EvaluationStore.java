package io.caitune.evaluation;

import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.openai.OpenAiChatRequestParameters;
import io.caitune.constitution.Constitution;
import io.caitune.dataset.Dataset;
import io.caitune.dataset.DatasetPairs;
import io.caitune.evaluation.WinRate.Counts;
import io.caitune.pipeline.RunContext;
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
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Consumer;

/** Evaluations and their judgements; each judgement is written in its own short transaction. */
@ApplicationScoped
public class EvaluationStore {


    /**
     * A judgement still to be made, with the texts it shows: {@code first} (the initial or rejected answer) is (A) in
     * the original order, {@code second} (the revision or chosen answer) is (B).
     */
    public record Pending(UUID id, String prompt, String first, String second, String principle) {
    }

    /** What the runner needs for one evaluation. */
    public record Work(UUID evaluationId, boolean chainOfThought, ChatRequestParameters parameters, String model,
            ComparisonQuestions questions, List<Pending> pending) {
    }

    private final DatasetPairs pairs;

    public EvaluationStore(DatasetPairs pairs) {
        this.pairs = pairs;
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
        Evaluation e = evaluation(samples, seed, chainOfThought);
        e.runId = run.id;
        e.persist();
        Constitution constitution = Constitution.findById(run.constitutionId);
        for (UUID sampleId : draw(completed, samples, seed)) {
            judgements(e, constitution, j -> j.sampleId = sampleId);
        }
        return e;
    }

    /**
     * Creates an evaluation of a preference dataset: one pending judgement per (drawn pair, comparison principle of
     * the constitution), pairs drawn with the seed. Null when the dataset holds no pairs.
     */
    @Transactional
    public Evaluation create(Dataset dataset, Constitution constitution, String model, int samples, long seed,
            boolean chainOfThought) {
        List<UUID> pairIds = pairs.of(dataset.id).stream().map(DatasetPairs.Pair::promptId).toList();
        if (pairIds.isEmpty()) {
            return null;
        }
        Evaluation e = evaluation(samples, seed, chainOfThought);
        e.datasetId = dataset.id;
        e.constitutionId = constitution.id;
        e.model = model;
        e.persist();
        for (UUID promptId : draw(pairIds, samples, seed)) {
            judgements(e, constitution, j -> j.datasetPromptId = promptId);
        }
        return e;
    }

    private static Evaluation evaluation(int samples, long seed, boolean chainOfThought) {
        Evaluation e = new Evaluation();
        e.id = UUID.randomUUID();
        e.status = Evaluation.Status.RUNNING;
        e.requested = samples;
        e.seed = seed;
        e.chainOfThought = chainOfThought;
        e.createdAt = Instant.now();
        e.createdBy = CurrentUser.name();
        return e;
    }

    private static List<UUID> draw(List<UUID> candidates, int samples, long seed) {
        List<UUID> drawn = new ArrayList<>(candidates);
        Collections.shuffle(drawn, new Random(seed));
        return drawn.subList(0, Math.min(samples, drawn.size()));
    }

    private static void judgements(Evaluation e, Constitution constitution, Consumer<EvaluationJudgement> subject) {
        for (ComparisonQuestions.Question q : ComparisonQuestions.of(constitution).questions()) {
            EvaluationJudgement j = new EvaluationJudgement();
            j.id = UUID.randomUUID();
            j.evaluationId = e.id;
            subject.accept(j);
            j.principleIndex = q.index();
            j.principle = q.text();
            j.outcome = Outcome.PENDING;
            j.persist();
        }
    }

    /**
     * The model settings of an evaluation's feedback calls, before the judge adds its own: its run's, or a dataset
     * evaluation's model name. Null when the evaluation or its run is gone.
     */
    @Transactional
    public ChatRequestParameters modelParameters(UUID evaluationId) {
        Evaluation e = Evaluation.findById(evaluationId);
        if (e == null) {
            return null;
        }
        if (e.datasetId != null) {
            return OpenAiChatRequestParameters.builder().modelName(e.model).build();
        }
        Run run = Run.findById(e.runId);
        return run == null ? null : RunContext.modelParameters(run);
    }

    /** The evaluation's pending judgements and settings; null when it is over. */
    @Transactional
    public Work work(UUID evaluationId, ChatRequestParameters parameters, String model) {
        Evaluation e = Evaluation.findById(evaluationId);
        if (e == null || e.status != Evaluation.Status.RUNNING) {
            return null;
        }
        if (e.datasetId != null) {
            return new Work(e.id, e.chainOfThought, parameters, e.model != null ? e.model : model,
                    ComparisonQuestions.of(Constitution.findById(e.constitutionId)), pendingPairs(e));
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

    /**
     * A dataset evaluation's pending judgements, in file order: the rejected answer is (A) in the original order, the
     * chosen (B).
     */
    private List<Pending> pendingPairs(Evaluation e) {
        Map<UUID, DatasetPairs.Pair> byId = new HashMap<>();
        pairs.of(e.datasetId).forEach(p -> byId.put(p.promptId(), p));
        return EvaluationJudgement.getEntityManager().createQuery(
                "select j from EvaluationJudgement j where j.evaluationId = ?1 and j.outcome = ?2",
                EvaluationJudgement.class)
                .setParameter(1, e.id).setParameter(2, Outcome.PENDING).getResultStream()
                .filter(j -> byId.containsKey(j.datasetPromptId))
                .sorted(Comparator.comparingInt((EvaluationJudgement j) -> byId.get(j.datasetPromptId).position())
                        .thenComparingInt(j -> j.principleIndex))
                .map(j -> {
                    DatasetPairs.Pair p = byId.get(j.datasetPromptId);
                    return new Pending(j.id, p.prompt(), p.rejected(), p.chosen(), j.principle);
                })
                .toList();
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
                .createQuery("select count(distinct coalesce(j.sampleId, j.datasetPromptId)) from EvaluationJudgement j "
                        + "where j.evaluationId = ?1",
                        Long.class)
                .setParameter(1, e.id).getSingleResult();
        Counts overall = counts.values().stream().reduce(WinRate.NONE, Counts::plus);
        List<EvaluationView.PrincipleResult> principles = counts.entrySet().stream()
                .map(en -> new EvaluationView.PrincipleResult(en.getKey(), names.get(en.getKey()),
                        WinRate.of(en.getValue())))
                .toList();
        return new EvaluationView(e.id, e.runId, e.datasetId, e.constitutionId, e.model,
                e.datasetId != null ? EvaluationView.CHOSEN : EvaluationView.REVISION, e.status, e.requested, samples,
                e.seed, e.chainOfThought,
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
