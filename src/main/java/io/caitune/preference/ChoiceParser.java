package io.caitune.preference;

import io.caitune.preference.ParsedChoice.Reason;

import java.util.EnumMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the (A)/(B) choice from a feedback model's reply, strictly: exactly one option must be named, otherwise the
 * reply is unparseable and nothing is guessed.
 * <p>
 * Without chain of thought the whole reply is read; with it, only the last non-blank line (the reasoning comes
 * before). An option counts as named when it appears as {@code (A)} (any case inside the parentheses, markdown
 * around it allowed), after a label ({@code Option B}, {@code Response A}, {@code answer is B}, {@code Answer: A}), or
 * as the whole line ({@code B.}). A capital letter standing alone elsewhere ("A good reply is ...") is not read as a
 * choice, since it may be the article; but a reply naming both letters that way ("A and B") is reported as naming
 * both. When parenthesised options are present, they alone decide.
 */
public final class ChoiceParser {

    private static final Pattern PARENTHESISED = Pattern.compile("\\(\\s*([AaBb])\\s*\\)");
    private static final Pattern LABELLED = Pattern.compile(
            "(?i:\\b(?:option|response|answer|choice|assistant)(?:\\s+is)?\\s*[:\\-]?\\s*)([AB])(?![\\p{L}\\p{N}])");
    private static final Pattern WHOLE = Pattern.compile("^[\\s*_\"'`]*([AB])[\\s*_\"'`.!:]*$");
    private static final Pattern STANDALONE = Pattern.compile("(?<![\\p{L}\\p{N}])([AB])(?![\\p{L}\\p{N}'’])");

    private ChoiceParser() {
    }

    public static ParsedChoice parse(String reply, boolean chainOfThought) {
        if (reply == null || reply.isBlank()) {
            return new ParsedChoice(null, Reason.EMPTY, -1, null);
        }
        int start = 0;
        String reasoning = null;
        if (chainOfThought) {
            int end = reply.stripTrailing().length();
            int lineStart = reply.lastIndexOf('\n', end - 1) + 1;
            start = lineStart;
            reasoning = reply.substring(0, lineStart).strip();
            if (reasoning.isEmpty()) {
                reasoning = null;
            }
        }
        String region = reply.substring(start);

        Map<Option, Integer> named = mentions(PARENTHESISED, region);
        if (named.isEmpty()) {
            named = mentions(LABELLED, region);
            Matcher whole = WHOLE.matcher(region.strip());
            if (named.isEmpty() && whole.matches()) {
                Option option = Option.valueOf(whole.group(1));
                named.put(option, region.lastIndexOf(whole.group(1)));
            }
        }
        if (named.size() == 1) {
            Map.Entry<Option, Integer> only = named.entrySet().iterator().next();
            return new ParsedChoice(only.getKey(), Reason.CHOSEN, start + only.getValue(), reasoning);
        }
        if (named.size() == 2 || mentions(STANDALONE, region).size() == 2) {
            return new ParsedChoice(null, Reason.BOTH, -1, reasoning);
        }
        return new ParsedChoice(null, Reason.NEITHER, -1, reasoning);
    }

    /** The options a pattern finds, each with the offset of its last letter. */
    private static Map<Option, Integer> mentions(Pattern pattern, String text) {
        Map<Option, Integer> found = new EnumMap<>(Option.class);
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            found.put(Option.valueOf(m.group(1).toUpperCase(java.util.Locale.ROOT)), m.start(1));
        }
        return found;
    }
}
