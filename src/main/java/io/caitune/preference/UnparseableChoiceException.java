package io.caitune.preference;

/** The feedback reply named neither or both options; {@link FeedbackAsker} asks again, then gives up. */
public class UnparseableChoiceException extends RuntimeException {

    private final transient Verdict verdict;

    public UnparseableChoiceException(Verdict verdict) {
        super("The feedback reply names " + verdict.reason().name().toLowerCase() + " of the options");
        this.verdict = verdict;
    }

    public Verdict verdict() {
        return verdict;
    }
}
