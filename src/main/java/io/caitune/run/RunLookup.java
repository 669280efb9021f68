package io.caitune.run;

import io.caitune.web.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/** Finds runs, their samples and rounds for this package and the ones above it; absent ones are 404 problems. */
@ApplicationScoped
public class RunLookup {

    /** The run; 404 otherwise. Call inside a transaction. */
    public Run run(UUID id) {
        return ProblemException.found(Run.findById(id), "Run", id);
    }

    /** The sample, when it belongs to the run; 404 otherwise. */
    public Sample sample(UUID runId, UUID sampleId) {
        run(runId);
        Sample sample = Sample.findById(sampleId);
        return ProblemException.found(sample == null || !sample.runId.equals(runId) ? null : sample, "Sample", sampleId);
    }

    /** Rounds of the given samples in one query, in round order. */
    public Map<UUID, List<SampleRound>> roundsOf(Collection<UUID> sampleIds) {
        if (sampleIds.isEmpty()) {
            return Map.of();
        }
        return SampleRound.<SampleRound>list("sampleId in ?1 order by round", sampleIds).stream()
                .collect(Collectors.groupingBy(r -> r.sampleId));
    }
}
