package io.caitune.review;

import io.caitune.run.ReviewState;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * {@code PUT /api/runs/{id}/samples/{sampleId}/review}: accept or reject the final revision; an accepted sample may
 * carry {@code revision}, the reviewer's edit, which exports and training then use instead.
 */
public record ReviewRequest(
        @NotNull(message = "'decision' is required: ACCEPTED or REJECTED") ReviewState decision,
        @Size(max = 1_000_000, message = "an edited revision may hold at most 1,000,000 characters") String revision) {
}
