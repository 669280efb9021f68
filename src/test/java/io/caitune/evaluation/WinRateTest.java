package io.caitune.evaluation;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class WinRateTest {

    @Test
    void shouldMatchKnownWilsonIntervals() {
        Wilson.Interval eightOfTen = Wilson.interval(8, 10, Wilson.Z95);
        assertThat(eightOfTen.lower()).isCloseTo(0.490, within(0.0005));
        assertThat(eightOfTen.upper()).isCloseTo(0.943, within(0.0005));

        Wilson.Interval none = Wilson.interval(0, 10, Wilson.Z95);
        assertThat(none.lower()).isZero();
        assertThat(none.upper()).isCloseTo(0.2775, within(0.0005));

        Wilson.Interval all = Wilson.interval(20, 20, Wilson.Z95);
        assertThat(all.lower()).isCloseTo(0.8389, within(0.0005));
        assertThat(all.upper()).isEqualTo(1.0);

        Wilson.Interval half = Wilson.interval(50, 100, Wilson.Z95);
        assertThat(half.lower()).isCloseTo(0.4038, within(0.0005));
        assertThat(half.upper()).isCloseTo(0.5962, within(0.0005));

        assertThat(Wilson.interval(0, 0, Wilson.Z95)).isNull();
    }

    @Test
    void shouldScoreOnlyDecisiveJudgementsAndReportDisagreements() {
        // 8 wins, 2 losses, 3 disagreements, 1 identical pair, 1 unparseable, 1 failed
        WinRate rate = WinRate.of(new WinRate.Counts(8, 2, 3, 1, 1, 1, 0));
        assertThat(rate.winRate()).isEqualTo(0.8);
        assertThat(rate.lower()).isCloseTo(0.490, within(0.0005));
        assertThat(rate.upper()).isCloseTo(0.943, within(0.0005));
        assertThat(rate.ties()).isEqualTo(4);
        assertThat(rate.judged()).isEqualTo(16);
        assertThat(rate.disagreementRate()).isCloseTo(3.0 / 13, within(1e-12));
    }

    @Test
    void shouldLeaveRatesEmptyWithoutDecisiveJudgements() {
        WinRate rate = WinRate.of(new WinRate.Counts(0, 0, 0, 2, 1, 0, 0));
        assertThat(rate.winRate()).isNull();
        assertThat(rate.lower()).isNull();
        assertThat(rate.disagreementRate()).isNull();
        assertThat(rate.ties()).isEqualTo(2);
    }
}
