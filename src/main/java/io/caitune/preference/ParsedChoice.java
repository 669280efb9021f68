package io.caitune.preference;

/**
 * What {@link ChoiceParser} read from a feedback reply: the option, or why there is none; where the option's letter
 * stands in the reply (for soft labels); and the reasoning before the answer line (chain of thought only).
 */
public record ParsedChoice(Option option, Reason reason, int offset, String reasoning) {

    /** Why a reply did or did not yield an option. */
    public enum Reason {
        /** Exactly one option is named. */
        CHOSEN,
        /** Neither option is named (or only in a way that could be an ordinary word, like the article "A"). */
        NEITHER,
        /** Both options are named. */
        BOTH,
        /** The reply is empty. */
        EMPTY
    }

    public boolean parsed() {
        return option != null;
    }
}
