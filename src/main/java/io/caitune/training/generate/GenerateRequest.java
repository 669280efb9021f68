package io.caitune.training.generate;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/** {@code POST /api/models/{id}/generate}, with Hugging Face's parameter meanings and defaults. */
public record GenerateRequest(
        @NotNull String prompt,
        @Min(1) @Max(65536) Integer maxLength,
        @Min(1) @Max(64) Integer numBeams,
        @Min(1) @Max(64) Integer numReturnSequences,
        @Min(0) @Max(64) Integer noRepeatNgramSize,
        @DecimalMin("-10") @DecimalMax("10") Double lengthPenalty,
        EarlyStopping earlyStopping) {
}
