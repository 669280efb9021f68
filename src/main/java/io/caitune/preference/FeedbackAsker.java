package io.caitune.preference;

import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.openai.LogProb;
import dev.langchain4j.model.openai.OpenAiChatResponseMetadata;
import dev.langchain4j.service.Result;
import io.caitune.pipeline.PipelineMetrics;
import io.caitune.pipeline.PipelineMetrics.Timed;
import io.caitune.pipeline.RunChatModel;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.faulttolerance.Retry;

import java.util.List;

/**
 * Asks the feedback model one order of a pair and parses the reply strictly. A reply that names neither or both
 * options is asked again ({@code @Retry} on {@link UnparseableChoiceException} only; transport failures are retried by
 * the AI service itself); when every attempt fails, the caller records the last reply as unparseable.
 */
@ApplicationScoped
public class FeedbackAsker {

    private final FeedbackService feedback;
    private final PipelineMetrics metrics;

    public FeedbackAsker(FeedbackService feedback, PipelineMetrics metrics) {
        this.feedback = feedback;
        this.metrics = metrics;
    }

    /** @param swapped false: the question's first answer is (A); true: its second answer is (A) */
    @Retry(maxRetries = 2, delay = 0, jitter = 0, retryOn = UnparseableChoiceException.class)
    public Verdict ask(FeedbackQuestion q, boolean swapped) {
        String optionA = swapped ? q.second() : q.first();
        String optionB = swapped ? q.first() : q.second();
        Timed<Result<String>> timed = metrics.time("feedback", q.model(), () -> RunChatModel.with(q.parameters(),
                () -> feedback.compare(q.examples(), q.prompt(), q.question(), optionA, optionB, q.chainOfThought())));
        String reply = timed.value().content();
        ParsedChoice parsed = ChoiceParser.parse(reply, q.chainOfThought());
        Double probabilityA = parsed.parsed()
                ? SoftLabel.probabilityOfA(tokens(timed.value().finalResponse()), parsed.offset()) : null;
        Verdict verdict = new Verdict(parsed.option(), parsed.reason(), probabilityA, parsed.reasoning(), reply,
                timed.latencyMs());
        if (!parsed.parsed()) {
            throw new UnparseableChoiceException(verdict);
        }
        return verdict;
    }

    /** The reply's tokens with their top alternatives, when the provider returned log-probabilities. */
    static List<TokenProbability> tokens(ChatResponse response) {
        if (response == null || !(response.metadata() instanceof OpenAiChatResponseMetadata metadata)
                || metadata.logProbs() == null) {
            return List.of();
        }
        return metadata.logProbs().stream().map(FeedbackAsker::token).toList();
    }

    private static TokenProbability token(LogProb p) {
        List<TokenProbability> alternatives = p.topLogprobs() == null ? List.of()
                : p.topLogprobs().stream().map(FeedbackAsker::token).toList();
        return new TokenProbability(p.token() == null ? "" : p.token(),
                p.logprob() == null ? Double.NEGATIVE_INFINITY : p.logprob(), alternatives);
    }
}
