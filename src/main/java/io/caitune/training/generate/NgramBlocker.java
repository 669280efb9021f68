package io.caitune.training.generate;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

/** no_repeat_ngram_size: the tokens that would complete an n-gram the sequence already holds (prompt included). */
public final class NgramBlocker {

    private NgramBlocker() {
    }

    public static Set<Long> banned(long[] sequence, int n) {
        Set<Long> banned = new HashSet<>();
        int length = sequence.length;
        if (n <= 0 || length + 1 < n) {
            return banned;
        }
        // the last n-1 tokens are the prefix the next token would extend
        long[] prefix = Arrays.copyOfRange(sequence, length - (n - 1), length);
        for (int start = 0; start + n <= length; start++) {
            if (Arrays.equals(sequence, start, start + n - 1, prefix, 0, n - 1)) {
                banned.add(sequence[start + n - 1]);
            }
        }
        return banned;
    }

    /** True when some n-gram occurs twice in the sequence. */
    public static boolean repeats(long[] sequence, int n) {
        Set<String> seen = new HashSet<>();
        for (int start = 0; n > 0 && start + n <= sequence.length; start++) {
            if (!seen.add(Arrays.toString(Arrays.copyOfRange(sequence, start, start + n)))) {
                return true;
            }
        }
        return false;
    }
}
