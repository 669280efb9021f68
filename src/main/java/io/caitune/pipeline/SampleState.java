package io.caitune.pipeline;

import io.caitune.run.SampleRound;

import java.util.Map;
import java.util.UUID;

/** A claimed sample as a handler resumes it: the prompt and whatever stages are already stored. */
public record SampleState(UUID id, UUID runId, int position, String prompt, String initialAnswer,
        Map<Integer, SampleRound> rounds) {
}
