package io.caitune.preference;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of preference runs and evaluations ({@code cai.preference.*}). */
@ConfigMapping(prefix = "cai.preference")
public interface PreferenceConfig {

    /**
     * Ask the provider for token log-probabilities on feedback calls ({@code "logprobs": true, "top_logprobs": N}) to
     * record soft labels. Turn off for a provider that rejects these fields.
     */
    @WithDefault("true")
    boolean logprobs();

    /** Alternatives per token to ask for (OpenAI allows 0..20). */
    @WithDefault("5")
    int topLogprobs();

    /** Times a feedback question is asked again after a reply naming neither or both options. */
    @WithDefault("2")
    int unparseableRetries();

    Evaluation evaluation();

    interface Evaluation {
        /** Judgements in flight at once, across all evaluations of this process. */
        @WithDefault("4")
        int concurrency();

        /** Prompts judged when a request does not say. */
        @WithDefault("100")
        int defaultSamples();

        /** Upper bound on prompts one evaluation may judge. */
        @WithDefault("1000")
        int maxSamples();
    }
}
