package io.caitune.pipeline;

import java.util.SplittableRandom;

/**
 * Draws the principle for each round of a sample. The draw depends only on (run seed, prompt position, round),
 * so a run is reproducible whatever order its prompts finish in; rounds of one prompt use distinct principles
 * until every principle has been used once.
 */
public final class PrincipleDraw {

    private PrincipleDraw() {
    }

    public static int principleFor(long seed, int position, int round, int principles) {
        int[] order = new int[principles];
        for (int i = 0; i < principles; i++) {
            order[i] = i;
        }
        SplittableRandom random = new SplittableRandom(seed ^ (0x9E3779B97F4A7C15L * (position + 1L)));
        for (int i = principles - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
        int pass = round / principles;
        if (pass == 0) {
            return order[round];
        }
        // later passes over the list (more rounds than principles): an independent draw per round
        return new SplittableRandom(seed ^ (0xBF58476D1CE4E5B9L * (position + 1L)) ^ round).nextInt(principles);
    }
}
