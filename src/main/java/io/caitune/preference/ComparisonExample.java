package io.caitune.preference;

import io.caitune.constitution.ComparisonFewShot;
import io.quarkus.qute.TemplateData;

/** A constitution's worked comparison as the feedback prompt shows it; examples without a task are left out. */
@TemplateData
public record ComparisonExample(String task, String chainOfThought, String selectedAnswer) {

    static ComparisonExample of(ComparisonFewShot shot) {
        if (shot.task == null || shot.task.isBlank()) {
            return null;
        }
        return new ComparisonExample(shot.task.strip(), text(shot.chainOfThought), text(shot.selectedAnswer));
    }

    private static String text(String value) {
        return value == null ? "" : value.strip();
    }
}
