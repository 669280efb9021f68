package io.caitune.preference;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class SoftLabelTest {

    private static TokenProbability t(String token, double p, TokenProbability... alternatives) {
        return new TokenProbability(token, Math.log(p), List.of(alternatives));
    }

    @Test
    void shouldNormaliseTheProbabilitiesOfAAndBAtTheLetter() {
        // "The answer is (B)": P(A) = 0.2, P(B) = 0.6, the rest elsewhere: normalised P(A) = 0.25
        List<TokenProbability> tokens = List.of(t("The answer is (", 0.99), t("B", 0.6, t("B", 0.6), t("A", 0.2),
                t("C", 0.1)), t(")", 0.99));
        int offset = "The answer is (".length();
        assertThat(SoftLabel.probabilityOfA(tokens, offset)).isCloseTo(0.25, within(1e-9));
    }

    @Test
    void shouldCountTokenVariantsOfTheSameLetter() {
        List<TokenProbability> tokens = List.of(t(" A", 0.5, t(" A", 0.5), t("A", 0.2), t(" B", 0.1), t("(B", 0.1)));
        assertThat(SoftLabel.probabilityOfA(tokens, 1)).isCloseTo(0.7 / 0.9, within(1e-9));
    }

    @Test
    void shouldUseTheChosenTokenWhenTheAlternativesLeaveItOut() {
        List<TokenProbability> tokens = List.of(t("A", 0.9, t("B", 0.05)));
        assertThat(SoftLabel.probabilityOfA(tokens, 0)).isCloseTo(0.9 / 0.95, within(1e-9));
    }

    @Test
    void shouldGiveNoLabelWithoutTokensOrLetters() {
        assertThat(SoftLabel.probabilityOfA(List.of(), 0)).isNull();
        assertThat(SoftLabel.probabilityOfA(null, 0)).isNull();
        assertThat(SoftLabel.probabilityOfA(List.of(t("(", 1.0), t("A", 1.0)), 5)).isNull();
        assertThat(SoftLabel.probabilityOfA(List.of(t("X", 0.9, t("X", 0.9), t("Y", 0.1))), 0)).isNull();
    }
}
