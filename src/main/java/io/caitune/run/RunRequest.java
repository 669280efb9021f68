package io.caitune.run;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.util.List;
import java.util.UUID;

/** {@code POST /api/runs}: a constitution, prompts (a dataset or inline) and the generation settings. */
public record RunRequest(
        @NotNull(message = "is required") UUID constitutionId,
        UUID datasetId,
        List<@NotBlank(message = "must not be blank") String> prompts,
        @Min(value = 1, message = "must be at least 1") Integer revisions,
        Long seed,
        @Valid ModelSettings model,
        @Pattern(regexp = "(?i)sft|preference", message = "must be 'sft' or 'preference'") String mode,
        @Valid Preference preference,
        @Pattern(regexp = "(?i)turns|inline", message = "must be 'turns' or 'inline'") String fewShotLayout,
        Boolean skipUnneededRevisions) {

    /** The run mode asked for; SFT when absent (the value is validated by the pattern above). */
    public RunMode runMode() {
        return mode == null ? RunMode.SFT : RunMode.valueOf(mode.toUpperCase(java.util.Locale.ROOT));
    }

    /** How few-shot examples are sent: chat turns (default) or inline in one message. */
    public String layout() {
        return fewShotLayout == null ? "TURNS" : fewShotLayout.toUpperCase(java.util.Locale.ROOT);
    }

    /** Settings of a preference run (see docs/preference.md); null fields take the defaults. */
    public record Preference(
            @Min(value = 2, message = "must be between 2 and 8") @Max(value = 8, message = "must be between 2 and 8") Integer answers,
            @DecimalMin(value = "0.0", inclusive = false, message = "must be in (0, 2]") @DecimalMax(value = "2.0", message = "must be in (0, 2]") Double temperature,
            Boolean chainOfThought) {
    }

    /** Per-run overrides of the configured model; null fields keep the configured defaults. */
    public record ModelSettings(
            @Size(max = 300, message = "must be at most 300 characters") String id,
            @DecimalMin(value = "0.0", message = "must be between 0 and 2") @DecimalMax(value = "2.0", message = "must be between 0 and 2") Double temperature,
            @Min(value = 1, message = "must be at least 1") @Max(value = 131072, message = "must be at most 131072") Integer maxNewTokens,
            @DecimalMin(value = "0.0", inclusive = false, message = "must be in (0, 1]") @DecimalMax(value = "1.0", message = "must be in (0, 1]") Double topP) {
    }
}
