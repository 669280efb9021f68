package io.caitune.training.generate;

/** One finished sequence: the new tokens (ending with EOS when it stopped there) and its length-normalised score. */
public record Hypothesis(long[] tokens, double score) {
}
