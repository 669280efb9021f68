package io.caitune.preference;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.caitune.export.ExportFormat;
import io.caitune.export.ExportWriter;
import io.caitune.export.JsonLines;
import io.caitune.run.ReviewFilter;
import io.caitune.run.Run;
import io.caitune.run.RunMode;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.OutputStream;
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
class DpoJsonlWriter implements ExportWriter {

    private final ObjectWriter writer;
    private final ExportedComparisons comparisons;

    DpoJsonlWriter(ObjectMapper mapper, ExportedComparisons comparisons) {
        this.writer = mapper.writerFor(Line.class);
        this.comparisons = comparisons;
    }

    /** The same pairs in TRL's conversational format. */
    @ApplicationScoped
    static class Conversational implements ExportWriter {

        private final DpoJsonlWriter dpo;

        Conversational(DpoJsonlWriter dpo) {
            this.dpo = dpo;
        }

        @Override
        public ExportFormat format() {
            return ExportFormat.DPO_CONVERSATIONAL_JSONL;
        }

        @Override
        public void write(UUID runId, ReviewFilter review, OutputStream out) {
            dpo.write(runId, review, out, true);
        }
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
    public ExportFormat format() {
        return ExportFormat.DPO_JSONL;
    }

    @Override
    public void write(UUID runId, ReviewFilter review, OutputStream out) {
        write(runId, review, out, false);
    }

    // not private: Conversational calls it through this bean's client proxy, which only delegates non-private methods
    void write(UUID runId, ReviewFilter review, OutputStream out, boolean conversational) {
        RunMode mode = QuarkusTransaction.requiringNew().call(() -> Run.<Run>findById(runId).mode);
        JsonLines lines = new JsonLines(writer, out);
        comparisons.forEach(runId, review, row -> {
            if (mode == RunMode.SFT) {
                String rejected = row.sample().initialAnswer;
                String chosen = row.sample().revisionForExport();
                if (usable(chosen, rejected)) {
                    lines.write(line(new Line(row.sample().prompt, chosen, rejected, runId, row.sample().promptId,
                            "revision", null, null, null), conversational));
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
                lines.write(line(new Line(row.sample().prompt, chosen, rejected, runId, row.sample().promptId,
                        "comparison", c.principle, 1.0, soft), conversational));
            }
        });
    }

    private static boolean usable(String chosen, String rejected) {
        return chosen != null && rejected != null && !chosen.isBlank() && !rejected.isBlank()
                && !chosen.strip().equals(rejected.strip());
    }

    /** The line as it is, or in TRL's conversational shape (each text a one-message list). */
    private static Line line(Line line, boolean conversational) {
        if (!conversational) {
            return line;
        }
        return new Line(List.of(new JsonLines.Message("user", (String) line.prompt())),
                List.of(new JsonLines.Message("assistant", (String) line.chosen())),
                List.of(new JsonLines.Message("assistant", (String) line.rejected())), line.runId(), line.promptId(),
                line.source(), line.principle(), line.agreement(), line.softLabel());
    }
}
