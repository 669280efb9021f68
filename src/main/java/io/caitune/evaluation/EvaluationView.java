package io.caitune.evaluation;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** An evaluation with its results: overall and per principle. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EvaluationView(UUID id, UUID runId, Evaluation.Status status, int requested, long samples, long seed,
        boolean chainOfThought, WinRate overall, List<PrincipleResult> principles, Instant createdAt,
        Instant finishedAt, String error, String createdBy) {

    public record PrincipleResult(int index, String principle, WinRate result) {
    }
}
