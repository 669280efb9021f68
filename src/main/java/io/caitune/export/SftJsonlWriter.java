package io.caitune.export;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.caitune.config.CaiConfig;
import io.caitune.run.ReviewFilter;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.UUID;

/** TRL SFTTrainer's conversational format: one {@code {"messages": [user, assistant]}} object a line. */
@ApplicationScoped
class SftJsonlWriter implements ExportWriter {

    private final ObjectWriter writer;
    private final CaiConfig config;

    SftJsonlWriter(ObjectMapper mapper, CaiConfig config) {
        this.writer = mapper.writerFor(Line.class);
        this.config = config;
    }

    record Message(String role, String content) {
    }

    record Line(List<Message> messages, @JsonProperty("run_id") UUID runId,
            @JsonProperty("prompt_id") String promptId, List<String> principles) {
    }

    @Override
    public void write(UUID runId, ReviewFilter review, OutputStream out) throws IOException {
        CompletedSamples.forEach(runId, review, config.export().pageSize(), exported -> {
            Line line = new Line(
                    List.of(new Message("user", exported.sample().prompt),
                            new Message("assistant", exported.sample().revisionForExport())),
                    runId, exported.sample().promptId,
                    exported.rounds().stream().map(r -> r.principleName).toList());
            try {
                out.write(writer.writeValueAsBytes(line));
                out.write('\n');
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
