package io.caitune.training;

import ai.djl.Device;
import io.caitune.training.model.CausalLm;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.BooleanSupplier;

/**
 * Runs one job on one device: loads the base model (or the job's last checkpoint when it resumes), adds [PAD],
 * trains, checkpoints every epoch in Hugging Face layout and registers the last checkpoint as a model.
 */
@ApplicationScoped
public class TrainingJobRunner {

    /** At most this often a running job writes its progress; epochs and the end always write. */
    private static final long PROGRESS_EVERY_NANOS = 500_000_000L;

    private final TrainingJobService jobs;
    private final ModelRegistry models;
    private final TrainingConfig config;

    public TrainingJobRunner(TrainingJobService jobs, ModelRegistry models, TrainingConfig config) {
        this.jobs = jobs;
        this.models = models;
        this.config = config;
    }

    /**
     * @param cancelled the user asked to stop: the job ends CANCELLED
     * @param stopping the process shuts down: the job stays RUNNING and resumes after the restart
     */
    public void run(UUID jobId, Device device, BooleanSupplier cancelled, BooleanSupplier stopping) {
        try {
            TrainingJobService.Plan plan = jobs.plan(jobId);
            TrainingJob job = plan.job();
            boolean resume = job.checkpointPath != null && job.epoch > 0;
            Path source = Path.of(resume ? job.checkpointPath : plan.basePath());
            Log.infof("Training job %s on %s from %s (%d examples, epoch %d of %d)", jobId, device, source,
                    plan.pairs().size(), job.epoch, job.epochs);
            try (CausalLm lm = CausalLm.load(source, device, true)) {
                int maxLength = Math.min(job.maxLength, lm.config().nPositions());
                List<CausalLmTrainer.Example> examples = CausalLmTrainer.examples(lm, plan.pairs(), maxLength);
                if (examples.isEmpty()) {
                    jobs.finish(jobId, JobState.FAILED, null, "No example keeps a response token within maxLength");
                    return;
                }
                CausalLmTrainer.Settings settings = new CausalLmTrainer.Settings(job.epochs, job.batchSize,
                        job.gradientAccumulationSteps, (float) job.learningRate, (float) job.weightDecay,
                        job.warmupSteps, maxLength, job.seed, (float) job.maxGradNorm);
                jobs.totalSteps(jobId, CausalLmTrainer.stepsPerEpoch(examples.size(), settings) * job.epochs);
                Progress progress = new Progress(jobId, lm, cancelled, stopping,
                        resume ? new ArrayList<>(TrainingJobView.losses(job.lossHistory)) : new ArrayList<>());
                progress.lastCheckpoint = resume ? source : null;
                CausalLmTrainer.Result result = new CausalLmTrainer().train(lm, examples, settings,
                        resume ? job.epoch : 0, progress);
                if (result.cancelled()) {
                    if (!stopping.getAsBoolean()) {
                        jobs.finish(jobId, JobState.CANCELLED, null, null);
                    }
                    return;
                }
                LanguageModel base = models.find(job.baseModelId);
                LanguageModel tuned = models.register(base.name + "-tuned-" + jobId.toString().substring(0, 8),
                        progress.lastCheckpoint.toString(), jobId);
                jobs.finish(jobId, JobState.COMPLETED, tuned.id, null);
                Log.infof("Training job %s completed: model %s at %s", jobId, tuned.id, tuned.path);
            }
        } catch (Exception | LinkageError e) {
            Log.errorf(e, "Training job %s failed", jobId);
            jobs.finish(jobId, JobState.FAILED, null, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private final class Progress implements CausalLmTrainer.Listener {

        private final UUID jobId;
        private final CausalLm lm;
        private final BooleanSupplier cancelled;
        private final BooleanSupplier stopping;
        private final List<Double> losses;
        private long lastWrite;
        private Path lastCheckpoint;

        Progress(UUID jobId, CausalLm lm, BooleanSupplier cancelled, BooleanSupplier stopping, List<Double> losses) {
            this.jobId = jobId;
            this.lm = lm;
            this.cancelled = cancelled;
            this.stopping = stopping;
            this.losses = losses;
        }

        @Override
        public void onStep(CausalLmTrainer.StepStats stats) {
            losses.add(stats.loss());
            long now = System.nanoTime();
            if (now - lastWrite >= PROGRESS_EVERY_NANOS || stats.step() == stats.totalSteps()) {
                lastWrite = now;
                jobs.progress(jobId, stats, losses);
            }
        }

        @Override
        public void onEpoch(int epoch, int step) throws IOException {
            Path dir = Path.of(config.checkpointDir()).resolve(jobId.toString()).resolve("epoch-" + epoch)
                    .toAbsolutePath().normalize();
            lm.save(dir);
            lastCheckpoint = dir;
            jobs.checkpoint(jobId, epoch, step, dir, losses);
        }

        @Override
        public boolean cancelled() {
            return cancelled.getAsBoolean() || stopping.getAsBoolean();
        }
    }
}
