package io.caitune.training;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;

import java.time.Instant;
import java.util.UUID;

/** A fine-tuning job: its settings, where it runs and how far it got. Survives restarts through its checkpoint. */
@Entity
public class TrainingJob extends PanacheEntityBase {

    @Id
    public UUID id;
    public UUID runId;
    public UUID datasetId;
    public UUID baseModelId;

    @Enumerated(EnumType.STRING)
    public JobState state;

    public int epochs;
    public int batchSize;
    public int gradientAccumulationSteps;
    public double learningRate;
    public double weightDecay;
    /** Gradients are scaled down to this global L2 norm before each optimizer step; 0 turns clipping off. */
    public double maxGradNorm;
    public int warmupSteps;
    public int maxLength;
    public long seed;
    public int examples;

    public String device;
    /** Why the job runs on the CPU although the host has NVIDIA GPUs; null when there is nothing to say. */
    public String deviceNote;
    /** Epochs finished (and checkpointed). */
    public int epoch;
    public int step;
    public int totalSteps;
    /** Loss per optimizer step, as a JSON array. */
    public String lossHistory;
    public Double tokensPerSecond;
    public Double stepMillis;
    public String checkpointPath;
    public UUID modelId;
    public String error;
    public Instant createdAt;
    public String createdBy;
    public String cancelledBy;
    public Instant cancelledAt;
    public Instant startedAt;
    public Instant finishedAt;
}
