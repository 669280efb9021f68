package io.caitune.dataset;

import java.util.Locale;
import java.util.Optional;

/** The prompt file formats users bring. */
public enum PromptFormat {
    CSV, JSON, JSONL;

    public static Optional<PromptFormat> fromMediaType(String mediaType) {
        if (mediaType == null) {
            return Optional.empty();
        }
        String type = mediaType.toLowerCase(Locale.ROOT);
        if (type.startsWith("text/csv") || type.startsWith("application/csv")) {
            return Optional.of(CSV);
        }
        if (type.startsWith("application/x-ndjson") || type.startsWith("application/jsonl")
                || type.startsWith("application/x-jsonlines")) {
            return Optional.of(JSONL);
        }
        if (type.startsWith("application/json")) {
            return Optional.of(JSON);
        }
        return Optional.empty();
    }

    public static Optional<PromptFormat> fromFileName(String fileName) {
        if (fileName == null) {
            return Optional.empty();
        }
        String name = fileName.toLowerCase(Locale.ROOT);
        if (name.endsWith(".csv")) {
            return Optional.of(CSV);
        }
        if (name.endsWith(".jsonl") || name.endsWith(".ndjson")) {
            return Optional.of(JSONL);
        }
        if (name.endsWith(".json")) {
            return Optional.of(JSON);
        }
        return Optional.empty();
    }
}
