package io.caitune.evaluation;

/**
 * The Wilson score interval for a binomial proportion: well-behaved for small counts and for proportions near 0 or 1,
 * where the normal approximation fails.
 */
public final class Wilson {

    /** Two-sided 95%. */
    public static final double Z95 = 1.959963984540054;

    private Wilson() {
    }

    public record Interval(double lower, double upper) {
    }

    /** @return the interval for {@code successes} of {@code trials}, or null when there are no trials */
    public static Interval interval(long successes, long trials, double z) {
        if (trials <= 0) {
            return null;
        }
        if (successes < 0 || successes > trials) {
            throw new IllegalArgumentException("successes must be between 0 and trials");
        }
        double n = trials;
        double p = successes / n;
        double z2 = z * z;
        double denominator = 1 + z2 / n;
        double centre = (p + z2 / (2 * n)) / denominator;
        double half = z / denominator * Math.sqrt(p * (1 - p) / n + z2 / (4 * n * n));
        return new Interval(Math.max(0, centre - half), Math.min(1, centre + half));
    }
}
