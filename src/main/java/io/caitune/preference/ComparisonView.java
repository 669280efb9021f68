package io.caitune.preference;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A comparison as the API shows it. {@code first} was (A) in the original order; {@code winner} is the index of the
 * answer both orders chose; {@code firstProbability} is the soft label P(first is better).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ComparisonView(UUID id, UUID sampleId, int index, String promptId, String prompt, int pair,
        Answer first, Answer second, String principle, boolean principleDerived, Outcome outcome, Integer winner,
        Double firstProbability, List<VerdictView> verdicts) {

    public record Answer(int index, String text) {
    }

    /** One order: {@code order} "original" shows the first answer as (A), "swapped" shows it as (B). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record VerdictView(String order, String choice, ParsedChoice.Reason reason, Double probabilityA,
            String reasoning, String response, Long latencyMs) {

        static VerdictView of(FeedbackVerdict v) {
            return new VerdictView(v.swapped ? "swapped" : "original", v.choice, v.reason, v.probabilityA,
                    v.reasoning, v.response, v.latencyMs);
        }
    }

    static ComparisonView of(Comparison c, io.caitune.run.Sample s, Map<Integer, String> answers,
            List<FeedbackVerdict> verdicts) {
        return new ComparisonView(c.id, c.sampleId, s.position, s.promptId, s.prompt, c.pairIndex,
                new Answer(c.firstAnswer, answers.get(c.firstAnswer)),
                new Answer(c.secondAnswer, answers.get(c.secondAnswer)), c.principle, c.principleDerived, c.outcome,
                c.winner, c.firstProbability, verdicts.stream().map(VerdictView::of).toList());
    }
}
