package io.caitune.pipeline;

import java.util.UUID;

/** A sample waiting for work, with its position for keyset paging. */
public record SampleRef(UUID id, int position) {
}
