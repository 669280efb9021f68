package io.caitune.preference;

import java.util.List;

/** One generated token with its log-probability and the most likely alternatives at that position. */
public record TokenProbability(String token, double logprob, List<TokenProbability> alternatives) {
}
