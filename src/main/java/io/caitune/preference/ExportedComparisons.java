package io.caitune.preference;

import io.caitune.export.CompletedSamples;
import io.caitune.run.ReviewFilter;
import io.caitune.run.Sample;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * What the preference writers read of each completed sample: its answers and comparisons with their verdicts, loaded
 * a page at a time through {@link CompletedSamples}.
 */
@ApplicationScoped
class ExportedComparisons {

    /** A completed sample with its answers (by index) and its comparisons in pair order, each with its verdicts. */
    record Row(Sample sample, Map<Integer, String> answers, List<Judged> comparisons) {
    }

    record Judged(Comparison comparison, List<FeedbackVerdict> verdicts) {

        FeedbackVerdict original() {
            return verdicts.stream().filter(v -> !v.swapped).findFirst().orElse(null);
        }
    }

    private final CompletedSamples samples;
    private final PreferenceStore store;

    ExportedComparisons(CompletedSamples samples, PreferenceStore store) {
        this.samples = samples;
        this.store = store;
    }

    /** Each completed sample that passes the review filter, in position order, a page in memory at a time. */
    void forEach(UUID runId, ReviewFilter review, Consumer<Row> consumer) {
        samples.forEach(runId, review, this::load, consumer);
    }

    /** A page of completed samples with their answers and comparisons; runs inside the page's transaction. */
    private List<Row> load(List<Sample> page) {
        List<UUID> ids = page.stream().map(s -> s.id).toList();
        Map<UUID, Map<Integer, String>> answers = store.answersOf(ids);
        List<Comparison> comparisons = ids.isEmpty() ? List.of()
                : Comparison.<Comparison>list("sampleId in ?1 order by pairIndex", ids);
        Map<UUID, List<FeedbackVerdict>> verdicts = store
                .verdictsOf(comparisons.stream().map(c -> c.id).toList());
        Map<UUID, List<Judged>> bySample = comparisons.stream().collect(Collectors.groupingBy(c -> c.sampleId,
                Collectors.mapping(c -> new Judged(c, verdicts.getOrDefault(c.id, List.of())),
                        Collectors.toList())));
        return page.stream().map(s -> new Row(s, answers.getOrDefault(s.id, Map.of()),
                bySample.getOrDefault(s.id, List.of()))).toList();
    }
}
