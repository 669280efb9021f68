package io.caitune.evaluation;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An evaluation with its results: overall and per principle. {@code winRateOf} names the side whose win rate is shown:
 * a run's {@code revision} (over its initial answer) or a dataset's {@code chosen} answer (over its rejected one: how
 * often the feedback model agrees with the dataset's labels).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EvaluationView(UUID id, UUID runId, UUID datasetId, UUID constitutionId, String model, String winRateOf,
        Evaluation.Status status, int requested, long samples, long seed,
        boolean chainOfThought, WinRate overall, List<PrincipleResult> principles, Instant createdAt,
        Instant finishedAt, String error, String createdBy) {

    static final String REVISION = "revision";
    static final String CHOSEN = "chosen";

    public record PrincipleResult(int index, String principle, WinRate result) {
    }
}
