package io.caitune.preference;

import io.caitune.constitution.Constitution;
import io.caitune.run.PreferenceSettings;
import io.caitune.run.Run;
import jakarta.enterprise.context.ApplicationScoped;
import io.quarkus.cache.CacheResult;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/** Writes each preference stage in its own short transaction; a stage already stored is left as it is. */
@ApplicationScoped
public class PreferenceStore {

    /** What a preference run's samples share: its settings and the constitution's comparison questions. */
    public record RunMaterial(PreferenceSettings settings, ComparisonQuestions questions) {
    }

    /** What a claimed preference sample already has stored: its answers by index and the pairs already compared. */
    public record Progress(Map<Integer, String> answers, Set<Integer> pairs) {
    }

    /** Read once per run: settings and constitution do not change while it runs. */
    @CacheResult(cacheName = "preference-material")
    @Transactional
    public RunMaterial material(UUID runId) {
        Run run = Run.findById(runId);
        PreferenceSettings settings = PreferenceSettings.findById(runId);
        if (settings == null) {
            // a run created before its settings were stored: the documented defaults
            settings = new PreferenceSettings();
            settings.runId = runId;
            settings.answers = PreferenceSettings.DEFAULT_ANSWERS;
            settings.temperature = PreferenceSettings.DEFAULT_TEMPERATURE;
        }
        Constitution constitution = Constitution.findById(run.constitutionId);
        return new RunMaterial(settings, ComparisonQuestions.of(constitution));
    }

    @Transactional
    public Progress progress(UUID sampleId) {
        Map<Integer, String> answers = PreferenceAnswer.<PreferenceAnswer>list("sampleId", sampleId).stream()
                .collect(Collectors.toMap(a -> a.answerIndex, a -> a.answer));
        Set<Integer> pairs = new HashSet<>(Comparison.getEntityManager()
                .createQuery("select c.pairIndex from Comparison c where c.sampleId = ?1", Integer.class)
                .setParameter(1, sampleId).getResultList());
        return new Progress(answers, pairs);
    }

    @Transactional
    public void saveAnswer(UUID sampleId, int index, String answer, long latencyMs) {
        if (PreferenceAnswer.count("sampleId = ?1 and answerIndex = ?2", sampleId, index) > 0) {
            return;
        }
        PreferenceAnswer a = new PreferenceAnswer();
        a.id = UUID.randomUUID();
        a.sampleId = sampleId;
        a.answerIndex = index;
        a.answer = answer;
        a.latencyMs = latencyMs;
        a.persist();
    }

    /** Stores a comparison with the verdicts of both orders, once. */
    @Transactional
    public void saveComparison(UUID runId, UUID sampleId, int pairIndex, int first, int second,
            ComparisonQuestions.Question question, PairVerdict verdict) {
        if (Comparison.count("sampleId = ?1 and pairIndex = ?2", sampleId, pairIndex) > 0) {
            return;
        }
        Comparison c = new Comparison();
        c.id = UUID.randomUUID();
        c.runId = runId;
        c.sampleId = sampleId;
        c.pairIndex = pairIndex;
        c.firstAnswer = first;
        c.secondAnswer = second;
        c.principleIndex = question.index();
        c.principle = question.text();
        c.principleDerived = question.derived();
        c.outcome = verdict.outcome();
        c.winner = verdict.firstWins() == null ? null : verdict.firstWins() ? first : second;
        c.firstProbability = verdict.firstProbability();
        c.createdAt = Instant.now();
        c.persist();
        if (verdict.original() != null) {
            persistVerdict(FeedbackVerdict.of(verdict.original(), false), c.id);
            persistVerdict(FeedbackVerdict.of(verdict.swapped(), true), c.id);
        }
    }

    private static void persistVerdict(FeedbackVerdict verdict, UUID comparisonId) {
        verdict.comparisonId = comparisonId;
        verdict.persist();
    }

    /** Verdicts of the given comparisons, keyed by comparison, original order first. */
    public Map<UUID, List<FeedbackVerdict>> verdictsOf(List<UUID> comparisonIds) {
        if (comparisonIds.isEmpty()) {
            return Map.of();
        }
        return FeedbackVerdict.<FeedbackVerdict>list("comparisonId in ?1 order by swapped", comparisonIds).stream()
                .collect(Collectors.groupingBy(v -> v.comparisonId));
    }

    /** Answers of the given samples, keyed by sample, then answer index. */
    public Map<UUID, Map<Integer, String>> answersOf(List<UUID> sampleIds) {
        if (sampleIds.isEmpty()) {
            return Map.of();
        }
        return PreferenceAnswer.<PreferenceAnswer>list("sampleId in ?1", sampleIds).stream()
                .collect(Collectors.groupingBy(a -> a.sampleId,
                        Collectors.toMap(a -> a.answerIndex, a -> a.answer)));
    }
}
