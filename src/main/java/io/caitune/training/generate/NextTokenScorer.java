package io.caitune.training.generate;

/** Log-probabilities of the next token for each row of equal-length token sequences: [rows][vocab]. */
@FunctionalInterface
public interface NextTokenScorer {

    float[][] logProbs(long[][] sequences);
}
