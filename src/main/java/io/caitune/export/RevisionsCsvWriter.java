package io.caitune.export;

import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.caitune.config.CaiConfig;
import io.caitune.run.SampleRound;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.UUID;

/**
 * The revisions CSV: {@code user_prompt, initial_answer, critique_request, critique, revision_request, revision}
 * (the last round's request and result), RFC 4180 quoting, newlines kept.
 */
@ApplicationScoped
class RevisionsCsvWriter implements ExportWriter {

    static final String[] COLUMNS = { "user_prompt", "initial_answer", "critique_request", "critique",
            "revision_request", "revision" };

    private final CsvMapper mapper = new CsvMapper();
    private final CsvSchema schema;
    private final CaiConfig config;

    RevisionsCsvWriter(CaiConfig config) {
        this.config = config;
        CsvSchema.Builder builder = CsvSchema.builder().setUseHeader(true).setLineSeparator("\r\n");
        for (String column : COLUMNS) {
            builder.addColumn(column);
        }
        this.schema = builder.build();
    }

    @Override
    public void write(UUID runId, OutputStream out) throws IOException {
        try (SequenceWriter writer = mapper.writer(schema).writeValues(out)) {
            CompletedSamples.forEach(runId, config.export().pageSize(), exported -> {
                SampleRound last = exported.lastRound();
                try {
                    writer.write(new String[] { exported.sample().prompt, exported.sample().initialAnswer,
                            last == null ? "" : last.critiqueRequest, last == null ? "" : last.critique,
                            last == null ? "" : last.revisionRequest, exported.sample().finalRevision });
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
