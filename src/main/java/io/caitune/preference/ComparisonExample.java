package io.caitune.preference;

import io.caitune.constitution.ComparisonFewShot;
import io.quarkus.qute.TemplateData;

import java.util.Locale;

/**
 * A constitution's worked comparison as the feedback prompt shows it; examples without a task are left out. The
 * chain of thought always opens with "Let's think step by step:" exactly once: the ConstitutionalAiTuning files
 * already start with it, other files get it added, so examples agree with each other and never repeat it.
 */
@TemplateData
public record ComparisonExample(String task, String chainOfThought, String selectedAnswer) {

    static final String STEP_BY_STEP = "Let's think step by step:";

    static ComparisonExample of(ComparisonFewShot shot) {
        if (shot.task == null || shot.task.isBlank()) {
            return null;
        }
        return new ComparisonExample(shot.task.strip(), stepByStep(text(shot.chainOfThought)),
                text(shot.selectedAnswer));
    }

    static String stepByStep(String reasoning) {
        if (reasoning.isEmpty()) {
            return reasoning;
        }
        String lower = reasoning.toLowerCase(Locale.ROOT);
        if (lower.startsWith("let's think step by step") || lower.startsWith("let\u2019s think step by step")) {
            return reasoning;
        }
        return STEP_BY_STEP + "\n" + reasoning;
    }

    private static String text(String value) {
        return value == null ? "" : value.strip();
    }
}
