package io.caitune.preference;

import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.openai.OpenAiChatRequestParameters;
import io.caitune.pipeline.PipelineMetrics;
import io.caitune.pipeline.PipelineMetrics.Timed;
import io.caitune.pipeline.RunChatModel;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Judges a pair of answers in both orders, so that a preference counts only when it survives swapping the options
 * (the feedback model's position bias shows up as disagreement). Identical answers are not asked about. Each order is
 * asked of the feedback model and parsed strictly; a reply that names neither or both options is asked again
 * ({@code cai.preference.unparseable-retries}, 2), then recorded as unparseable. Transport failures are retried by
 * the question's model itself ({@link RunChatModel#forFeedback}).
 */
@ApplicationScoped
public class PairJudge {

    private final RunChatModel model;
    private final PipelineMetrics metrics;
    private final PreferenceConfig config;

    public PairJudge(RunChatModel model, PipelineMetrics metrics, PreferenceConfig config) {
        this.model = model;
        this.metrics = metrics;
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

    /** @param swapped false: the question's first answer is (A); true: its second answer is (A) */
    private Verdict ask(FeedbackQuestion q, boolean swapped) {
        Verdict verdict = askOnce(q, swapped);
        for (int retry = 0; retry < config.unparseableRetries() && verdict.option() == null; retry++) {
            verdict = askOnce(q, swapped);
        }
        return verdict;
    }

    private Verdict askOnce(FeedbackQuestion q, boolean swapped) {
        String optionA = swapped ? q.second() : q.first();
        String optionB = swapped ? q.first() : q.second();
        RunChatModel.Call call = model.forFeedback(q.parameters());
        Timed<String> timed = metrics.time("feedback", q.model(), () -> call.service(FeedbackService.class)
                .compare(q.examples(), q.prompt(), q.question(), optionA, optionB, q.chainOfThought(), q.turns()));
        String reply = timed.value();
        ParsedChoice parsed = ChoiceParser.parse(reply, q.chainOfThought());
        Double probabilityA = parsed.parsed()
                ? SoftLabel.probabilityOfA(TokenProbability.of(call.lastResponse()), parsed.offset()) : null;
        return new Verdict(parsed.option(), parsed.reason(), probabilityA, parsed.reasoning(), reply,
                timed.latencyMs());
    }
}
