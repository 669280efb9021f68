package io.caitune.preference;

import io.caitune.preference.ParsedChoice.Reason;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class PairVerdictTest {

    private static Verdict chose(Option option, Double probabilityA) {
        return new Verdict(option, Reason.CHOSEN, probabilityA, null, "(" + option + ")", 1);
    }

    private static Verdict unparseable() {
        return new Verdict(null, Reason.BOTH, null, null, "A and B", 1);
    }

    @Test
    void shouldCountAPairOnlyWhenSwappingTheOptionsKeepsTheChoice() {
        // original: first is (A); swapped: first is (B)
        PairVerdict firstWins = PairVerdict.of(chose(Option.A, null), chose(Option.B, null));
        assertThat(firstWins.outcome()).isEqualTo(Outcome.AGREED);
        assertThat(firstWins.firstWins()).isTrue();

        PairVerdict secondWins = PairVerdict.of(chose(Option.B, null), chose(Option.A, null));
        assertThat(secondWins.outcome()).isEqualTo(Outcome.AGREED);
        assertThat(secondWins.firstWins()).isFalse();
    }

    @Test
    void shouldRecordPositionBiasAsDisagreement() {
        assertThat(PairVerdict.of(chose(Option.A, null), chose(Option.A, null)).outcome())
                .isEqualTo(Outcome.DISAGREED);
        PairVerdict alwaysB = PairVerdict.of(chose(Option.B, null), chose(Option.B, null));
        assertThat(alwaysB.outcome()).isEqualTo(Outcome.DISAGREED);
        assertThat(alwaysB.firstWins()).isNull();
    }

    @Test
    void shouldRecordAnUnparseableOrderAsUnparseable() {
        assertThat(PairVerdict.of(unparseable(), chose(Option.B, null)).outcome()).isEqualTo(Outcome.UNPARSEABLE);
        assertThat(PairVerdict.of(chose(Option.A, null), unparseable()).firstWins()).isNull();
    }

    @Test
    void shouldAverageTheSoftLabelOverBothOrders() {
        PairVerdict v = PairVerdict.of(chose(Option.A, 0.9), chose(Option.B, 0.4));
        assertThat(v.firstProbability()).isCloseTo((0.9 + 0.6) / 2, within(1e-12));
        assertThat(PairVerdict.of(chose(Option.A, 0.9), chose(Option.B, null)).firstProbability()).isNull();
    }
}
