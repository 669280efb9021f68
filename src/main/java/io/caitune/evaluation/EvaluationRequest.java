package io.caitune.evaluation;

import jakarta.validation.constraints.Min;

/**
 * {@code POST /api/runs/{id}/evaluations}: how many completed prompts to judge (drawn with the seed), and whether the
 * feedback model reasons first. All fields are optional.
 */
public record EvaluationRequest(@Min(value = 1, message = "must be at least 1") Integer samples, Long seed,
        Boolean chainOfThought) {
}
