package io.caitune.pipeline;

import io.caitune.constitution.FewShot;
import io.quarkus.qute.TemplateData;

import java.util.Objects;

/** A constitution few-shot as the prompt templates show it; absent fields render empty. */
@TemplateData
public record FewShotExample(String input, String initialAnswer, String critiqueRequest, String critique,
        String revisionRequest, String revision) {

    public static FewShotExample of(FewShot f) {
        return new FewShotExample(text(f.input), text(f.initialAnswer), text(f.critiqueRequest), text(f.critique),
                text(f.revisionRequest), text(f.revision));
    }

    private static String text(String value) {
        return Objects.requireNonNullElse(value, "");
    }
}
