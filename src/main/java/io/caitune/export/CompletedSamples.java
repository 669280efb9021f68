package io.caitune.export;

import io.caitune.run.ReviewFilter;
import io.caitune.run.RunService;
import io.caitune.run.Sample;
import io.caitune.run.SampleRound;
import io.caitune.run.SampleStatus;
import io.quarkus.narayana.jta.QuarkusTransaction;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

/** Reads a run's completed samples that pass the review filter page by page (keyset on position), so an export holds one page in memory. */
final class CompletedSamples {

    private CompletedSamples() {
    }

    static void forEach(UUID runId, ReviewFilter review, int pageSize, Consumer<ExportedSample> consumer) {
        int after = -1;
        while (true) {
            int from = after;
            List<ExportedSample> page = QuarkusTransaction.requiringNew().call(() -> {
                List<Sample> samples = Sample.<Sample>find(
                        "runId = ?1 and status = ?2 and position > ?3" + review.condition()
                        + " order by position", runId, SampleStatus.COMPLETED, from).page(0, pageSize).list();
                Map<UUID, List<SampleRound>> rounds = RunService.roundsOf(samples.stream().map(s -> s.id).toList());
                return samples.stream()
                        .map(s -> new ExportedSample(s, rounds.getOrDefault(s.id, List.of())))
                        .toList();
            });
            page.forEach(consumer);
            if (page.size() < pageSize) {
                return;
            }
            after = page.get(page.size() - 1).sample().position;
        }
    }
}
