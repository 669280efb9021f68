package io.caitune.export;

import io.caitune.run.ReviewFilter;

import java.io.IOException;
import java.io.OutputStream;
import java.util.UUID;

/** Writes one run's completed samples that pass the review filter, in one format. */
public interface ExportWriter {

    void write(UUID runId, ReviewFilter review, OutputStream out) throws IOException;
}
