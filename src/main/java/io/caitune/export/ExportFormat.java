package io.caitune.export;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** Files a run can be exported as. */
public enum ExportFormat {
    CSV("csv", "text/csv", "csv"),
    SFT_JSONL("sft-jsonl", "application/x-ndjson", "sft.jsonl"),
    DPO_JSONL("dpo-jsonl", "application/x-ndjson", "dpo.jsonl"),
    DPO_CONVERSATIONAL_JSONL("dpo-conversational-jsonl", "application/x-ndjson", "dpo-conversational.jsonl"),
    COMPARISONS_CSV("comparisons-csv", "text/csv", "comparisons.csv");

    private final String name;
    private final String mediaType;
    private final String extension;

    ExportFormat(String name, String mediaType, String extension) {
        this.name = name;
        this.mediaType = mediaType;
        this.extension = extension;
    }

    public static Optional<ExportFormat> byName(String name) {
        return Arrays.stream(values()).filter(f -> f.name.equalsIgnoreCase(name)).findFirst();
    }

    public static String names() {
        return Arrays.stream(values()).map(f -> f.name).collect(Collectors.joining(", "));
    }

    /** The name used in {@code ?format=}. */
    public String formatName() {
        return name;
    }

    public String mediaType() {
        return mediaType;
    }

    public String extension() {
        return extension;
    }
}
