package io.caitune.preference;

import java.util.List;

/**
 * The paper's soft label: at the position where the reply names its option, the probability the model gave to "A"
 * against "B", normalised over the two: {@code P(A) / (P(A) + P(B))}. Tokens are matched after trimming spaces and
 * parentheses (so " A", "(A" and "A" all count as A); alternatives come from the provider's top log-probabilities.
 */
public final class SoftLabel {

    private SoftLabel() {
    }

    /**
     * @param tokens the reply's tokens in order (their texts concatenate to the reply)
     * @param offset the character offset of the option letter in the reply ({@link ParsedChoice#offset()})
     * @return P(A) normalised against P(B), or null when the tokens do not cover the offset or neither letter is among
     *         the alternatives there
     */
    public static Double probabilityOfA(List<TokenProbability> tokens, int offset) {
        if (tokens == null || tokens.isEmpty() || offset < 0) {
            return null;
        }
        int position = 0;
        for (TokenProbability token : tokens) {
            int end = position + token.token().length();
            if (offset >= position && offset < end) {
                return normalised(token);
            }
            position = end;
        }
        return null;
    }

    private static Double normalised(TokenProbability token) {
        double a = 0;
        double b = 0;
        List<TokenProbability> candidates = token.alternatives() == null || token.alternatives().isEmpty()
                ? List.of(token) : token.alternatives();
        boolean sawChosen = false;
        for (TokenProbability candidate : candidates) {
            String letter = letter(candidate.token());
            sawChosen |= candidate.token().equals(token.token());
            if ("A".equals(letter)) {
                a += Math.exp(candidate.logprob());
            } else if ("B".equals(letter)) {
                b += Math.exp(candidate.logprob());
            }
        }
        if (!sawChosen) {
            // providers list the sampled token among the alternatives; when one does not, count it once
            String letter = letter(token.token());
            if ("A".equals(letter)) {
                a += Math.exp(token.logprob());
            } else if ("B".equals(letter)) {
                b += Math.exp(token.logprob());
            }
        }
        if (a + b == 0) {
            return null;
        }
        return a / (a + b);
    }

    private static String letter(String token) {
        String t = token.strip();
        while (t.startsWith("(") || t.startsWith("*")) {
            t = t.substring(1);
        }
        while (t.endsWith(")") || t.endsWith("*") || t.endsWith(".")) {
            t = t.substring(0, t.length() - 1);
        }
        return t.strip();
    }
}
