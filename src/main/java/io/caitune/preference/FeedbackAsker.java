package io.caitune.preference;

import io.caitune.pipeline.PipelineMetrics;
import io.caitune.pipeline.PipelineMetrics.Timed;
import io.caitune.pipeline.RunChatModel;
import io.caitune.preference.LogProbCapture.Captured;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.faulttolerance.Retry;

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
        Timed<Captured<String>> timed = metrics.time("feedback", q.model(), () -> LogProbCapture.capture(
                () -> RunChatModel.with(q.parameters(), () -> feedback.compare(q.examples(), q.prompt(),
                        q.question(), optionA, optionB, q.chainOfThought(), q.turns()))));
        String reply = timed.value().value();
        ParsedChoice parsed = ChoiceParser.parse(reply, q.chainOfThought());
        Double probabilityA = parsed.parsed()
                ? SoftLabel.probabilityOfA(timed.value().tokens(), parsed.offset()) : null;
        Verdict verdict = new Verdict(parsed.option(), parsed.reason(), probabilityA, parsed.reasoning(), reply,
                timed.latencyMs());
        if (!parsed.parsed()) {
            throw new UnparseableChoiceException(verdict);
        }
        return verdict;
    }
}
