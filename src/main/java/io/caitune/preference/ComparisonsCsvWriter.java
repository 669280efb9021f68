package io.caitune.preference;

import io.caitune.export.CsvRows;
import io.caitune.export.ExportFormat;
import io.caitune.export.ExportWriter;
import io.caitune.run.ReviewFilter;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.io.OutputStream;
import java.util.UUID;

/**
 * The comparisons CSV of the ConstitutionalAiTuning library: {@code user_prompt, comparison_answer_1,
 * comparison_answer_2, comparison_principle, chain_of_thought, selected_answer}, then this service's
 * {@code outcome, soft_label}. One row per comparison; answer 1 is the one shown as (A) in the original order,
 * {@code chain_of_thought} is that order's reasoning, and {@code selected_answer} is {@code (A)} or {@code (B)} only
 * when both orders agreed (empty otherwise, with the outcome saying why). {@code soft_label} is P(answer 1 is better).
 */
@ApplicationScoped
class ComparisonsCsvWriter implements ExportWriter {

    static final String[] COLUMNS = { "user_prompt", "comparison_answer_1", "comparison_answer_2",
            "comparison_principle", "chain_of_thought", "selected_answer", "outcome", "soft_label" };

    private final ExportedComparisons comparisons;

    ComparisonsCsvWriter(ExportedComparisons comparisons) {
        this.comparisons = comparisons;
    }

    @Override
    public ExportFormat format() {
        return ExportFormat.COMPARISONS_CSV;
    }

    @Override
    public void write(UUID runId, ReviewFilter review, OutputStream out) throws IOException {
        try (CsvRows csv = CsvRows.open(out, COLUMNS)) {
            comparisons.forEach(runId, review, row -> {
                for (ExportedComparisons.Judged judged : row.comparisons()) {
                    Comparison c = judged.comparison();
                    FeedbackVerdict original = judged.original();
                    String selected = c.winner == null ? "" : c.winner == c.firstAnswer ? "(A)" : "(B)";
                    csv.write(row.sample().prompt, row.answers().get(c.firstAnswer),
                            row.answers().get(c.secondAnswer), c.principle,
                            original == null || original.reasoning == null ? "" : original.reasoning, selected,
                            c.outcome.name(), c.firstProbability == null ? "" : c.firstProbability.toString());
                }
            });
        }
    }
}
