package io.caitune.preview;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.util.List;

/**
 * {@code POST /api/constitutions/{id}/preview}: a prompt, and optionally the texts later stages would receive from
 * the model (placeholders stand in for those not given), which principles to show, and the run options that change
 * the messages.
 */
public record PreviewRequest(
        @NotBlank(message = "is required") String prompt,
        String answer,
        String critique,
        @Size(min = 2, max = 2, message = "must hold exactly two answers") List<@NotBlank(message = "must not be blank") String> answers,
        @Min(value = 0, message = "must be at least 0") Integer principle,
        @Min(value = 0, message = "must be at least 0") Integer comparisonPrinciple,
        @Pattern(regexp = "(?i)turns|inline", message = "must be 'turns' or 'inline'") String fewShotLayout,
        Boolean chainOfThought,
        Boolean skipUnneededRevisions) {
}
