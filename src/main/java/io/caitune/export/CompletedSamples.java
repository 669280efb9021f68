package io.caitune.export;

import io.caitune.config.CaiConfig;
import io.caitune.run.ReviewFilter;
import io.caitune.run.RunLookup;
import io.caitune.run.Sample;
import io.caitune.run.SampleRound;
import io.caitune.run.SampleStatus;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Reads a run's completed samples that pass the review filter page by page (keyset on position), each page in its
 * own transaction together with what a writer loads for it, so an export holds one page in memory.
 */
@ApplicationScoped
public class CompletedSamples {

    /** A completed sample with its rounds, as the revision writers see it. */
    public record WithRounds(Sample sample, List<SampleRound> rounds) {

        public SampleRound lastRound() {
            return rounds.isEmpty() ? null : rounds.get(rounds.size() - 1);
        }
    }

    private record Loaded<T>(List<T> rows, int count, int lastPosition) {
    }

    private final int pageSize;
    private final RunLookup runs;

    CompletedSamples(CaiConfig config, RunLookup runs) {
        this.pageSize = config.export().pageSize();
        this.runs = runs;
    }

    /** Each sample with its rounds. */
    public void forEach(UUID runId, ReviewFilter review, Consumer<WithRounds> consumer) {
        forEach(runId, review, samples -> {
            Map<UUID, List<SampleRound>> rounds = runs.roundsOf(samples.stream().map(s -> s.id).toList());
            return samples.stream().map(s -> new WithRounds(s, rounds.getOrDefault(s.id, List.of()))).toList();
        }, consumer);
    }

    /** Each page of samples turned into rows by {@code load}, inside the page's transaction. */
    public <T> void forEach(UUID runId, ReviewFilter review, Function<List<Sample>, List<T>> load,
            Consumer<T> consumer) {
        int after = -1;
        while (true) {
            int from = after;
            Loaded<T> page = QuarkusTransaction.requiringNew().call(() -> {
                List<Sample> samples = Sample.<Sample>find(
                        "runId = ?1 and status = ?2 and position > ?3" + review.condition()
                        + " order by position", runId, SampleStatus.COMPLETED, from).page(0, pageSize).list();
                return new Loaded<>(load.apply(samples), samples.size(),
                        samples.isEmpty() ? from : samples.get(samples.size() - 1).position);
            });
            page.rows().forEach(consumer);
            if (page.count() < pageSize) {
                return;
            }
            after = page.lastPosition();
        }
    }
}
