package io.caitune.training.generate;

import java.util.List;
import java.util.UUID;

public record GenerateResponse(UUID modelId, int promptTokens, List<Sequence> sequences) {

    /** The new text (special tokens left out), its token ids and its length-normalised log-probability. */
    public record Sequence(String text, List<Long> tokens, double score) {
    }
}
