package io.caitune.export;

import io.caitune.run.ReviewFilter;
import io.caitune.run.RunMode;

import java.io.IOException;
import java.io.OutputStream;
import java.util.UUID;

/**
 * Writes one run's completed samples that pass the review filter, in one format. Writers are CDI beans found by
 * their format (and, where a format reads the two run modes differently, by mode), so a package above this one adds
 * a format without this package knowing it.
 */
public interface ExportWriter {

    ExportFormat format();

    /** Whether this writer reads runs of the mode; a format with one writer per mode is told apart by this. */
    default boolean reads(RunMode mode) {
        return true;
    }

    void write(UUID runId, ReviewFilter review, OutputStream out) throws IOException;
}
