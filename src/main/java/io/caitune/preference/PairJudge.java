package io.caitune.preference;

import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.openai.OpenAiChatRequestParameters;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Judges a pair of answers in both orders, so that a preference counts only when it survives swapping the options
 * (the feedback model's position bias shows up as disagreement). Identical answers are not asked about.
 */
@ApplicationScoped
public class PairJudge {

    private final FeedbackAsker asker;
    private final PreferenceConfig config;

    public PairJudge(FeedbackAsker asker, PreferenceConfig config) {
        this.asker = asker;
        this.config = config;
    }

    /** A run's model settings for feedback calls: plus token log-probabilities for soft labels, when enabled. */
    public ChatRequestParameters feedbackParameters(ChatRequestParameters run) {
        if (!config.logprobs()) {
            return run;
        }
        return OpenAiChatRequestParameters.builder().overrideWith(run).logprobs(true)
                .topLogprobs(config.topLogprobs()).build();
    }

    public PairVerdict judge(FeedbackQuestion question) {
        if (question.first().strip().equals(question.second().strip())) {
            return PairVerdict.identical();
        }
        return PairVerdict.of(ask(question, false), ask(question, true));
    }

    private Verdict ask(FeedbackQuestion question, boolean swapped) {
        try {
            return asker.ask(question, swapped);
        } catch (UnparseableChoiceException e) {
            return e.verdict();
        }
    }
}
