package io.caitune.training;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A training job as the API shows it. */
public record TrainingJobView(UUID id, JobState state, UUID runId, UUID datasetId, UUID baseModelId,
        TrainingJobRequest.Hyperparameters hyperparameters, int examples, String device, String deviceNote, int epoch,
        int step, int totalSteps, List<Double> lossHistory, Double tokensPerSecond, Double stepMillis, String checkpointPath,
        UUID modelId, String error, Instant createdAt, Instant startedAt, Instant finishedAt, String createdBy,
        String cancelledBy, Instant cancelledAt) {

    public static TrainingJobView of(TrainingJob job) {
        return new TrainingJobView(job.id, job.state, job.runId, job.datasetId, job.baseModelId,
                new TrainingJobRequest.Hyperparameters(job.epochs, job.batchSize, job.gradientAccumulationSteps,
                        job.learningRate, job.weightDecay, job.warmupSteps, job.maxLength, job.seed,
                        job.maxGradNorm),
                job.examples, job.device, job.deviceNote, job.epoch, job.step, job.totalSteps, LossHistory.read(job.lossHistory),
                job.tokensPerSecond, job.stepMillis, job.checkpointPath, job.modelId, job.error, job.createdAt,
                job.startedAt, job.finishedAt, job.createdBy, job.cancelledBy, job.cancelledAt);
    }
}
