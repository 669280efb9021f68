package io.caitune.preference;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.caitune.config.CaiConfig;
import io.caitune.export.ExportWriter;
import io.caitune.run.ReviewFilter;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
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
public class PreferenceSftJsonlWriter implements ExportWriter {

    private final ObjectWriter writer;
    private final CaiConfig config;

    PreferenceSftJsonlWriter(ObjectMapper mapper, CaiConfig config) {
        this.writer = mapper.writerFor(Line.class);
        this.config = config;
    }

    record Message(String role, String content) {
    }

    record Line(List<Message> messages, @JsonProperty("run_id") UUID runId, @JsonProperty("prompt_id") String promptId,
            String source, int wins, List<String> principles) {
    }

    @Override
    public void write(UUID runId, ReviewFilter review, OutputStream out) throws IOException {
        ExportedComparisons.forEach(runId, review, config.export().pageSize(), row -> {
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
                        Line line = new Line(List.of(new Message("user", row.sample().prompt),
                                new Message("assistant", chosen)), runId, row.sample().promptId, "comparison",
                                best.getValue().size(), best.getValue());
                        try {
                            out.write(writer.writeValueAsBytes(line));
                            out.write('\n');
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    });
        });
    }
}
