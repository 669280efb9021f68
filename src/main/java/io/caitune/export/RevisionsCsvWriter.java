package io.caitune.export;

import io.caitune.run.ReviewFilter;
import io.caitune.run.RunMode;
import io.caitune.run.SampleRound;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.io.OutputStream;
import java.util.UUID;

/**
 * The revisions CSV: {@code user_prompt, initial_answer, critique_request, critique, revision_request, revision}
 * (the last round's request and result; a reviewer's edit replaces the revision), RFC 4180 quoting, newlines kept.
 */
@ApplicationScoped
class RevisionsCsvWriter implements ExportWriter {

    static final String[] COLUMNS = { "user_prompt", "initial_answer", "critique_request", "critique",
            "revision_request", "revision" };

    private final CompletedSamples samples;

    RevisionsCsvWriter(CompletedSamples samples) {
        this.samples = samples;
    }

    @Override
    public ExportFormat format() {
        return ExportFormat.CSV;
    }

    @Override
    public boolean reads(RunMode mode) {
        return mode != RunMode.PREFERENCE;
    }

    @Override
    public void write(UUID runId, ReviewFilter review, OutputStream out) throws IOException {
        try (CsvRows csv = CsvRows.open(out, COLUMNS)) {
            samples.forEach(runId, review, exported -> {
                SampleRound last = exported.lastRound();
                csv.write(exported.sample().prompt, exported.sample().initialAnswer,
                        last == null ? "" : last.critiqueRequest, last == null ? "" : last.critique,
                        last == null ? "" : last.revisionRequest, exported.sample().revisionForExport());
            });
        }
    }
}
