package io.caitune.preference;

/**
 * A pair judged in both orders. {@code firstWins} is set only when the orders agree; {@code firstProbability} is the
 * soft label P(first answer better), averaging the original order's P(A) and the swapped order's P(B), and is null
 * unless both orders carried log-probabilities. The verdicts are null for identical answers.
 */
public record PairVerdict(Outcome outcome, Boolean firstWins, Double firstProbability, Verdict original,
        Verdict swapped) {

    static PairVerdict identical() {
        return new PairVerdict(Outcome.IDENTICAL, null, null, null, null);
    }

    /** Combines the two orders: in {@code original} the first answer is (A), in {@code swapped} it is (B). */
    static PairVerdict of(Verdict original, Verdict swapped) {
        Double soft = original.probabilityA() != null && swapped.probabilityA() != null
                ? (original.probabilityA() + (1 - swapped.probabilityA())) / 2 : null;
        if (original.option() == null || swapped.option() == null) {
            return new PairVerdict(Outcome.UNPARSEABLE, null, soft, original, swapped);
        }
        boolean firstByOriginal = original.option() == Option.A;
        boolean firstBySwapped = swapped.option() == Option.B;
        if (firstByOriginal != firstBySwapped) {
            return new PairVerdict(Outcome.DISAGREED, null, soft, original, swapped);
        }
        return new PairVerdict(Outcome.AGREED, firstByOriginal, soft, original, swapped);
    }
}
