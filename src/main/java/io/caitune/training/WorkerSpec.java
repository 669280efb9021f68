package io.caitune.training;

import java.util.List;
import java.util.UUID;

/**
 * Everything a training worker process needs, written by the service as JSON and read by {@link TrainingWorker}:
 * the worker never opens the service's database.
 *
 * @param source the base model directory, or the checkpoint a resumed job continues from
 * @param startEpoch epochs already finished (0 for a new job)
 * @param deviceType {@code cpu} or {@code gpu}
 * @param jobDir where {@code epoch-<n>} checkpoints go
 * @param keepCheckpoints how many of the newest epoch checkpoints to keep (0: all)
 */
public record WorkerSpec(UUID jobId, String source, int startEpoch, String deviceType, int deviceId,
        CausalLmTrainer.Settings settings, List<TrainingPair> pairs, String jobDir, int keepCheckpoints) {
}
