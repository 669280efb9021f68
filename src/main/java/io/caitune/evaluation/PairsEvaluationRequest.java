package io.caitune.evaluation;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.util.UUID;

/**
 * {@code POST /api/datasets/{id}/evaluations}: the constitution whose comparison principles the pairs are judged
 * under, and optionally how many pairs to draw (with the seed), whether the feedback model reasons first, and which
 * feedback model answers (the configured one when absent).
 */
public record PairsEvaluationRequest(@NotNull(message = "is required") UUID constitutionId,
        @Min(value = 1, message = "must be at least 1") Integer samples, Long seed, Boolean chainOfThought,
        @Size(max = 200, message = "must be at most 200 characters") String model) {
}
