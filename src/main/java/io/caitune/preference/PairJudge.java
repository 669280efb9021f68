package io.caitune.preference;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Judges a pair of answers in both orders, so that a preference counts only when it survives swapping the options
 * (the feedback model's position bias shows up as disagreement). Identical answers are not asked about.
 */
@ApplicationScoped
public class PairJudge {

    private final FeedbackAsker asker;

    public PairJudge(FeedbackAsker asker) {
        this.asker = asker;
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
