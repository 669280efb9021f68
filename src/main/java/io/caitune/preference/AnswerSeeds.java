package io.caitune.preference;

/**
 * The sampling seed sent with each of a prompt's K answers: distinct per answer, and the same for the same run seed,
 * prompt position and answer index, so that a preference run can be reproduced where the provider honours seeds.
 */
public final class AnswerSeeds {

    private AnswerSeeds() {
    }

    public static int seed(long runSeed, int position, int answerIndex) {
        long z = runSeed + 0x9E3779B97F4A7C15L * (position + 1L) + 0xBF58476D1CE4E5B9L * (answerIndex + 1L);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        z = z ^ (z >>> 31);
        return (int) (z & 0x7FFFFFFF);
    }
}
