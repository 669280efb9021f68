package io.caitune.preference;

import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.openai.LogProb;
import dev.langchain4j.model.openai.OpenAiChatResponseMetadata;

import java.util.List;

/** One generated token with its log-probability and the most likely alternatives at that position. */
public record TokenProbability(String token, double logprob, List<TokenProbability> alternatives) {

    /** The reply's tokens, from the provider's response metadata; empty without log-probabilities. */
    static List<TokenProbability> of(ChatResponse response) {
        if (response == null || !(response.metadata() instanceof OpenAiChatResponseMetadata metadata)
                || metadata.logProbs() == null) {
            return List.of();
        }
        return metadata.logProbs().stream().map(TokenProbability::of).toList();
    }

    private static TokenProbability of(LogProb p) {
        List<TokenProbability> alternatives = p.topLogprobs() == null ? List.of()
                : p.topLogprobs().stream().map(TokenProbability::of).toList();
        return new TokenProbability(p.token() == null ? "" : p.token(),
                p.logprob() == null ? Double.NEGATIVE_INFINITY : p.logprob(), alternatives);
    }
}
