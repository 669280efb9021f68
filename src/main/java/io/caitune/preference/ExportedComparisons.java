package io.caitune.preference;

import io.caitune.run.ReviewFilter;
import io.caitune.run.Sample;
import io.caitune.run.SampleStatus;
import io.quarkus.narayana.jta.QuarkusTransaction;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Reads a run's completed samples page by page (keyset on position) with their answers and comparisons, so an export
 * holds one page in memory.
 */
final class ExportedComparisons {

    /** A completed sample with its answers (by index) and its comparisons in pair order, each with its verdicts. */
    record Row(Sample sample, Map<Integer, String> answers, List<Judged> comparisons) {
    }

    record Judged(Comparison comparison, List<FeedbackVerdict> verdicts) {

        FeedbackVerdict original() {
            return verdicts.stream().filter(v -> !v.swapped).findFirst().orElse(null);
        }
    }

    private ExportedComparisons() {
    }

    static void forEach(UUID runId, ReviewFilter review, int pageSize, Consumer<Row> consumer) {
        int after = -1;
        while (true) {
            int from = after;
            List<Row> page = QuarkusTransaction.requiringNew().call(() -> {
                List<Sample> samples = Sample.<Sample>find(
                        "runId = ?1 and status = ?2 and position > ?3" + review.condition()
                        + " order by position", runId, SampleStatus.COMPLETED, from).page(0, pageSize).list();
                List<UUID> ids = samples.stream().map(s -> s.id).toList();
                Map<UUID, Map<Integer, String>> answers = PreferenceStore.answersOf(ids);
                List<Comparison> comparisons = ids.isEmpty() ? List.of()
                        : Comparison.<Comparison>list("sampleId in ?1 order by pairIndex", ids);
                Map<UUID, List<FeedbackVerdict>> verdicts = PreferenceStore
                        .verdictsOf(comparisons.stream().map(c -> c.id).toList());
                Map<UUID, List<Judged>> bySample = comparisons.stream().collect(Collectors.groupingBy(c -> c.sampleId,
                        Collectors.mapping(c -> new Judged(c, verdicts.getOrDefault(c.id, List.of())),
                                Collectors.toList())));
                return samples.stream().map(s -> new Row(s, answers.getOrDefault(s.id, Map.of()),
                        bySample.getOrDefault(s.id, List.of()))).toList();
            });
            page.forEach(consumer);
            if (page.size() < pageSize) {
                return;
            }
            after = page.get(page.size() - 1).sample().position;
        }
    }
}
