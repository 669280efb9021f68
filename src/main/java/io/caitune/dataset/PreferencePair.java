package io.caitune.dataset;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Existing preference data ({@code prompt, chosen, rejected}: the ConstitutionalAiTuning library's DPO CSV, TRL's
 * standard or conversational JSONL) imports as a dataset of pairs: the chosen answer becomes the prompt's target (what
 * SFT training on the dataset learns), the whole row, rejected answer included, stays as metadata. A row that is no
 * pair — chosen or rejected missing or blank, the same text twice, or the library's {@code --unclear--} placeholder
 * for an unparsed judgement — keeps its prompt and gets no target.
 */
final class PreferencePair {

    static final String UNCLEAR = "--unclear--";

    private PreferencePair() {
    }

    /** The chosen answer of a row that holds a real pair, else null. */
    static String chosen(JsonNode row) {
        String chosen = answer(row.get("chosen"));
        String rejected = answer(row.get("rejected"));
        if (chosen == null || rejected == null || chosen.isBlank() || rejected.isBlank()
                || chosen.strip().equals(UNCLEAR) || rejected.strip().equals(UNCLEAR)
                || chosen.strip().equals(rejected.strip())) {
            return null;
        }
        return chosen;
    }

    /** The rejected answer of a row that holds a real pair, else null. */
    static String rejected(JsonNode row) {
        return chosen(row) == null ? null : answer(row.get("rejected"));
    }

    /** A plain string, or the last assistant message of a conversational answer. */
    private static String answer(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isTextual()) {
            return node.asText();
        }
        return node.isArray() ? lastContent(node, "assistant") : null;
    }

    /** The content of the last message with the given role in a message list; empty when there is none. */
    static String lastContent(JsonNode messages, String role) {
        String content = "";
        for (JsonNode m : messages) {
            if (role.equals(m.path("role").asText()) && m.path("content").isTextual()) {
                content = m.get("content").asText();
            }
        }
        return content;
    }
}
