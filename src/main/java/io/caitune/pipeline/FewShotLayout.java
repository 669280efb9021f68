package io.caitune.pipeline;

import java.util.Locale;
import java.util.Optional;

/**
 * How few-shot examples reach the model. {@link #TURNS} (the default) sends each example as a user turn followed by an
 * assistant turn, exactly as the ConstitutionalAiTuning library does: chat models imitate demonstrated assistant
 * turns far better than quoted text. {@link #INLINE} keeps every example inside the one user message, separated by
 * {@code ===} lines, for models or endpoints that handle long single messages better.
 */
public enum FewShotLayout {
    TURNS,
    INLINE;

    public static Optional<FewShotLayout> byName(String name) {
        if (name == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(valueOf(name.strip().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The separators the prompt templates put between a few-shot's user part and its assistant part. */
    public Turns turns() {
        return this == TURNS ? Turns.CHAT : Turns.INLINE;
    }
}
