package io.caitune.pipeline;

import io.caitune.run.SampleRound;

import java.util.Map;
import java.util.UUID;

/** A sample as the processor resumes it: the prompt and whatever stages are already stored. */
record SampleState(UUID id, int position, String prompt, String initialAnswer, Map<Integer, SampleRound> rounds) {
}
