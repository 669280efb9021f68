package io.caitune.export;

import java.io.IOException;
import java.io.OutputStream;
import java.util.UUID;

/** Writes one run's completed samples in one format. */
public interface ExportWriter {

    void write(UUID runId, OutputStream out) throws IOException;
}
