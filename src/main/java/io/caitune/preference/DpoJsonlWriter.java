package io.caitune.preference;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.caitune.config.CaiConfig;
import io.caitune.export.ExportWriter;
import io.caitune.run.ReviewFilter;
import io.caitune.run.Run;
import io.caitune.run.RunMode;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.UUID;

/**
 * TRL DPOTrainer's preference formats, one {@code {"prompt", "chosen", "rejected"}} object a line, with metadata keys
 * after them: standard (plain strings) or conversational (message lists: {@code prompt} a user message, {@code chosen}
 * and {@code rejected} an assistant message each, so DPOTrainer applies the model's chat template). A preference run contributes every comparison whose two orders agreed; an SFT run
 * contributes (revision ≻ initial answer) per completed sample. Unparseable, disagreeing and identical pairs are left
 * out, never written as placeholders.
 */
@ApplicationScoped
public class DpoJsonlWriter implements ExportWriter {

    private final ObjectWriter writer;
    private final CaiConfig config;

    DpoJsonlWriter(ObjectMapper mapper, CaiConfig config) {
        this.writer = mapper.writerFor(Line.class);
        this.config = config;
    }

    /** The same pairs in TRL's conversational format. */
    public ExportWriter conversational() {
        return (runId, review, out) -> write(runId, review, out, true);
    }

    record Message(String role, String content) {
    }

    /**
     * {@code agreement}: the share of asked orders that chose {@code chosen} (1.0: both); {@code soft_label}: the
     * feedback model's probability that {@code chosen} is better, when log-probabilities were returned.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Line(Object prompt, Object chosen, Object rejected, @JsonProperty("run_id") UUID runId,
            @JsonProperty("prompt_id") String promptId, String source, String principle, Double agreement,
            @JsonProperty("soft_label") Double softLabel) {
    }

    @Override
    public void write(UUID runId, ReviewFilter review, OutputStream out) throws IOException {
        write(runId, review, out, false);
    }

    private void write(UUID runId, ReviewFilter review, OutputStream out, boolean conversational) {
        RunMode mode = QuarkusTransaction.requiringNew().call(() -> Run.<Run>findById(runId).mode);
        ExportedComparisons.forEach(runId, review, config.export().pageSize(), row -> {
            if (mode == RunMode.SFT) {
                String rejected = row.sample().initialAnswer;
                String chosen = row.sample().revisionForExport();
                if (usable(chosen, rejected)) {
                    write(out, new Line(row.sample().prompt, chosen, rejected, runId, row.sample().promptId,
                            "revision", null, null, null), conversational);
                }
                return;
            }
            for (ExportedComparisons.Judged judged : row.comparisons()) {
                Comparison c = judged.comparison();
                if (c.outcome != Outcome.AGREED || c.winner == null) {
                    continue;
                }
                int loser = c.winner == c.firstAnswer ? c.secondAnswer : c.firstAnswer;
                String chosen = row.answers().get(c.winner);
                String rejected = row.answers().get(loser);
                if (!usable(chosen, rejected)) {
                    continue;
                }
                Double soft = c.firstProbability == null ? null
                        : c.winner == c.firstAnswer ? c.firstProbability : 1 - c.firstProbability;
                write(out, new Line(row.sample().prompt, chosen, rejected, runId, row.sample().promptId,
                        "comparison", c.principle, 1.0, soft), conversational);
            }
        });
    }

    private static boolean usable(String chosen, String rejected) {
        return chosen != null && rejected != null && !chosen.isBlank() && !rejected.isBlank()
                && !chosen.strip().equals(rejected.strip());
    }

    private void write(OutputStream out, Line line, boolean conversational) {
        if (conversational) {
            line = new Line(List.of(new Message("user", (String) line.prompt())),
                    List.of(new Message("assistant", (String) line.chosen())),
                    List.of(new Message("assistant", (String) line.rejected())), line.runId(), line.promptId(),
                    line.source(), line.principle(), line.agreement(), line.softLabel());
        }
        try {
            out.write(writer.writeValueAsBytes(line));
            out.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
