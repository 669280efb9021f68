package io.caitune.training;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import java.util.UUID;

/** {@code POST /api/training-jobs}: the data (a run or a dataset), the model to start from, and the settings. */
public record TrainingJobRequest(UUID runId, UUID datasetId,
        @NotBlank(message = "name a registered model (id or name) or a directory under cai.training.models-dir")
        @Size(max = 200, message = "must be at most 200 characters (a model id, name or directory)")
        String baseModel,
        @Valid Hyperparameters hyperparameters) {

    /** Every field is optional; the defaults follow the gpt2-medium fine-tuning recipe at a small scale. */
    public record Hyperparameters(
            @Min(1) @Max(1000) Integer epochs,
            @Min(1) @Max(4096) Integer batchSize,
            @Min(1) @Max(4096) Integer gradientAccumulationSteps,
            @DecimalMin(value = "0", inclusive = false) @DecimalMax("1") Double learningRate,
            @DecimalMin("0") @DecimalMax("1") Double weightDecay,
            @Min(0) @Max(1000000) Integer warmupSteps,
            @Min(2) @Max(65536) Integer maxLength,
            Long seed,
            @DecimalMin("0") @DecimalMax("1000") Double maxGradNorm) {

        static final Hyperparameters DEFAULTS = new Hyperparameters(1, 8, 1, 5e-5, 0.01, 0, 512, 42L, 1.0);

        Hyperparameters withDefaults() {
            Hyperparameters d = DEFAULTS;
            return new Hyperparameters(or(epochs, d.epochs), or(batchSize, d.batchSize),
                    or(gradientAccumulationSteps, d.gradientAccumulationSteps), or(learningRate, d.learningRate),
                    or(weightDecay, d.weightDecay), or(warmupSteps, d.warmupSteps), or(maxLength, d.maxLength),
                    or(seed, d.seed), or(maxGradNorm, d.maxGradNorm));
        }

        private static <T> T or(T value, T fallback) {
            return value != null ? value : fallback;
        }
    }
}
