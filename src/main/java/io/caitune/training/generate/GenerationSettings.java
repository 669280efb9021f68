package io.caitune.training.generate;

/**
 * Decoding settings with Hugging Face's meanings: {@code maxLength} counts prompt and new tokens together,
 * {@code lengthPenalty} divides a hypothesis' summed log-probability by (new tokens)^penalty.
 */
public record GenerationSettings(int maxLength, int numBeams, int numReturnSequences, int noRepeatNgramSize,
        double lengthPenalty, EarlyStopping earlyStopping, Integer eosTokenId) {

    public GenerationSettings(int maxLength, int numBeams, int numReturnSequences, int noRepeatNgramSize,
            double lengthPenalty, boolean earlyStopping, Integer eosTokenId) {
        this(maxLength, numBeams, numReturnSequences, noRepeatNgramSize, lengthPenalty,
                earlyStopping ? EarlyStopping.TRUE : EarlyStopping.FALSE, eosTokenId);
    }

    public static GenerationSettings greedy(int maxLength, Integer eosTokenId) {
        return new GenerationSettings(maxLength, 1, 1, 0, 1.0, true, eosTokenId);
    }
}
