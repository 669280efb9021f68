package io.caitune.preference;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.caitune.export.ExportFormat;
import io.caitune.export.ExportWriter;
import io.caitune.export.JsonLines;
import io.caitune.run.ReviewFilter;
import io.caitune.run.RunMode;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * SFT JSONL from a preference run: per prompt, the answer that won the most agreed comparisons is the assistant
 * target ({@code {"messages": [user, assistant]}}, as for SFT runs). Prompts without an agreed comparison are left
 * out; a tie between winners goes to the lower answer index, so the file is the same on every export.
 */
@ApplicationScoped
class PreferenceSftJsonlWriter implements ExportWriter {

    private final ObjectWriter writer;
    private final ExportedComparisons comparisons;

    PreferenceSftJsonlWriter(ObjectMapper mapper, ExportedComparisons comparisons) {
        this.writer = mapper.writerFor(Line.class);
        this.comparisons = comparisons;
    }

    record Line(List<JsonLines.Message> messages, @JsonProperty("run_id") UUID runId, @JsonProperty("prompt_id") String promptId,
            String source, int wins, List<String> principles) {
    }

    @Override
    public ExportFormat format() {
        return ExportFormat.SFT_JSONL;
    }

    @Override
    public boolean reads(RunMode mode) {
        return mode == RunMode.PREFERENCE;
    }

    @Override
    public void write(UUID runId, ReviewFilter review, OutputStream out) {
        JsonLines lines = new JsonLines(writer, out);
        comparisons.forEach(runId, review, row -> {
            Map<Integer, List<String>> won = new TreeMap<>();
            for (ExportedComparisons.Judged judged : row.comparisons()) {
                Comparison c = judged.comparison();
                if (c.outcome == Outcome.AGREED && c.winner != null) {
                    won.computeIfAbsent(c.winner, w -> new java.util.ArrayList<>()).add(c.principle);
                }
            }
            won.entrySet().stream()
                    .max((a, b) -> a.getValue().size() != b.getValue().size()
                            ? Integer.compare(a.getValue().size(), b.getValue().size())
                            : Integer.compare(b.getKey(), a.getKey()))
                    .ifPresent(best -> {
                        String chosen = row.answers().get(best.getKey());
                        if (chosen == null || chosen.isBlank()) {
                            return;
                        }
                        lines.write(new Line(List.of(new JsonLines.Message("user", row.sample().prompt),
                                new JsonLines.Message("assistant", chosen)), runId, row.sample().promptId,
                                "comparison", best.getValue().size(), best.getValue()));
                    });
        });
    }
}
