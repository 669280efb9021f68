package io.caitune.export;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.caitune.run.ReviewFilter;
import io.caitune.run.RunMode;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.OutputStream;
import java.util.List;
import java.util.UUID;

/** TRL SFTTrainer's conversational format: one {@code {"messages": [user, assistant]}} object a line. */
@ApplicationScoped
class SftJsonlWriter implements ExportWriter {

    private final ObjectWriter writer;
    private final CompletedSamples samples;

    SftJsonlWriter(ObjectMapper mapper, CompletedSamples samples) {
        this.writer = mapper.writerFor(Line.class);
        this.samples = samples;
    }

    record Line(List<JsonLines.Message> messages, @JsonProperty("run_id") UUID runId,
            @JsonProperty("prompt_id") String promptId, List<String> principles) {
    }

    @Override
    public ExportFormat format() {
        return ExportFormat.SFT_JSONL;
    }

    @Override
    public boolean reads(RunMode mode) {
        return mode != RunMode.PREFERENCE;
    }

    @Override
    public void write(UUID runId, ReviewFilter review, OutputStream out) {
        JsonLines lines = new JsonLines(writer, out);
        samples.forEach(runId, review, exported -> lines.write(new Line(
                List.of(new JsonLines.Message("user", exported.sample().prompt),
                        new JsonLines.Message("assistant", exported.sample().revisionForExport())),
                runId, exported.sample().promptId,
                exported.rounds().stream().map(r -> r.principleName).toList())));
    }
}
