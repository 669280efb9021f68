package io.caitune.training.generate;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Hugging Face's {@code early_stopping}: {@code true} stops once {@code numBeams} hypotheses are finished;
 * {@code false} stops when the best live beam, scored at the current length, cannot beat them; {@code "never"}
 * stops only when it could not even at {@code maxLength} (the exact beam search, for a positive length penalty).
 */
public enum EarlyStopping {
    TRUE, FALSE, NEVER;

    @JsonCreator
    public static EarlyStopping of(Object value) {
        if (value instanceof Boolean flag) {
            return flag ? TRUE : FALSE;
        }
        if (value instanceof String text) {
            switch (text) {
                case "never":
                    return NEVER;
                case "true":
                    return TRUE;
                case "false":
                    return FALSE;
                default:
                    break;
            }
        }
        throw new IllegalArgumentException("'earlyStopping' must be true, false or \"never\"");
    }

    @JsonValue
    public Object json() {
        return this == NEVER ? "never" : this == TRUE;
    }
}
