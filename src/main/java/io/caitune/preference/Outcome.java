package io.caitune.preference;

/** How a pair judged in both orders came out. */
public enum Outcome {
    /** Both orders chose the same answer: the comparison counts. */
    AGREED,
    /** The orders chose different answers (position bias): recorded, counted as a tie, never exported. */
    DISAGREED,
    /** The two answers are the same text: nothing to ask, a tie. */
    IDENTICAL,
    /** At least one order named neither or both options, after retries. */
    UNPARSEABLE,
    /** The model call failed (evaluations only; in a preference run the sample fails instead). */
    FAILED,
    /** Not judged yet (evaluations only). */
    PENDING
}
