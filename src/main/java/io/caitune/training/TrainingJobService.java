package io.caitune.training;

import io.caitune.dataset.Dataset;
import io.caitune.dataset.DatasetPrompt;
import io.caitune.run.ReviewFilter;
import io.caitune.run.Run;
import io.caitune.run.Sample;
import io.caitune.run.SampleStatus;
import io.caitune.security.CurrentUser;
import io.caitune.training.model.CausalLm;
import io.caitune.training.model.Gpt2Config;
import io.caitune.web.ProblemException;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Training jobs in the database: creation with validation, and every state change the scheduler makes. */
@ApplicationScoped
public class TrainingJobService {

    private static final String RUN_PAIRS = "runId = ?1 and status = ?2 and finalRevision is not null"
            + ReviewFilter.NOT_REJECTED.condition();
    private static final String DATASET_PAIRS = "datasetId = ?1 and target is not null and target <> ''";

    private final ModelRegistry models;

    public TrainingJobService(ModelRegistry models) {
        this.models = models;
    }

    /** What a worker needs to (re)start a job. */
    public record Plan(TrainingJob job, String basePath, List<TrainingPair> pairs) {
    }

    @Transactional
    public TrainingJob create(TrainingJobRequest request) {
        if ((request.runId() == null) == (request.datasetId() == null)) {
            throw ProblemException.badRequest("Give either 'runId' or 'datasetId' (not both)");
        }
        long examples;
        if (request.runId() != null) {
            ProblemException.found(Run.findById(request.runId()), "Run", request.runId());
            examples = Sample.count(RUN_PAIRS, request.runId(), SampleStatus.COMPLETED);
        } else {
            ProblemException.found(Dataset.findById(request.datasetId()), "Dataset", request.datasetId());
            examples = DatasetPrompt.count(DATASET_PAIRS, request.datasetId());
        }
        if (examples == 0) {
            throw ProblemException.badRequest(request.runId() != null
                    ? "Run " + request.runId() + " has no completed sample with a final revision to train on"
                    : "Dataset " + request.datasetId() + " has no prompt with a target (alpaca 'output') to train on");
        }
        LanguageModel base = models.resolve(request.baseModel());
        TrainingJobRequest.Hyperparameters h = (request.hyperparameters() != null ? request.hyperparameters()
                : TrainingJobRequest.Hyperparameters.DEFAULTS).withDefaults();
        int context = context(base);
        if (h.maxLength() > context) {
            throw ProblemException.badRequest("'hyperparameters.maxLength' (" + h.maxLength()
                    + ") exceeds the base model's context of " + context + " tokens (n_positions)");
        }

        TrainingJob job = new TrainingJob();
        job.id = UUID.randomUUID();
        job.runId = request.runId();
        job.datasetId = request.datasetId();
        job.baseModelId = base.id;
        job.state = JobState.QUEUED;
        job.epochs = h.epochs();
        job.batchSize = h.batchSize();
        job.gradientAccumulationSteps = h.gradientAccumulationSteps();
        job.learningRate = h.learningRate();
        job.weightDecay = h.weightDecay();
        job.warmupSteps = h.warmupSteps();
        job.maxLength = h.maxLength();
        job.seed = h.seed();
        job.maxGradNorm = h.maxGradNorm();
        job.examples = (int) examples;
        job.createdAt = Instant.now();
        job.createdBy = CurrentUser.name();
        job.persist();
        return job;
    }

    @Transactional
    public TrainingJobView view(UUID id) {
        return TrainingJobView.of(find(id));
    }

    @Transactional
    public List<TrainingJobView> list() {
        return TrainingJob.<TrainingJob>list("order by createdAt desc").stream().map(TrainingJobView::of).toList();
    }

    /** Cancels a queued job at once; returns the state it was in (a running job is stopped by the scheduler). */
    @Transactional
    public JobState cancel(UUID id) {
        // a conditional update, so a job the dispatcher claims at this moment is either cancelled here or RUNNING
        Instant now = Instant.now();
        String by = CurrentUser.name();
        if (TrainingJob.update("state = ?1, finishedAt = ?2, cancelledAt = ?2, cancelledBy = ?3 where id = ?4 "
                + "and state = ?5", JobState.CANCELLED, now, by, id, JobState.QUEUED) == 1) {
            return JobState.QUEUED;
        }
        TrainingJob job = find(id);
        if (job.state.isFinal()) {
            throw ProblemException.conflict("Training job " + id + " is already " + job.state);
        }
        // a running job stops after its current step; who asked and when are recorded now
        job.cancelledAt = now;
        job.cancelledBy = by;
        return job.state;
    }

    /**
     * The oldest queued job, now RUNNING on {@code device}; null when the queue is empty.
     *
     * @param deviceNote why the job is not on a GPU the host has (null: nothing to say)
     */
    @Transactional
    public UUID claimNext(String device, String deviceNote) {
        List<TrainingJob> queued = TrainingJob.<TrainingJob>find("state", Sort.by("createdAt").and("id"),
                JobState.QUEUED).page(0, 10).list();
        for (TrainingJob job : queued) {
            // only a job still QUEUED in the database is taken (a cancel may have come first)
            if (TrainingJob.update("state = ?1, device = ?2, error = null, startedAt = coalesce(startedAt, ?3), "
                    + "deviceNote = ?6 where id = ?4 and state = ?5", JobState.RUNNING, device, Instant.now(), job.id,
                    JobState.QUEUED, deviceNote) == 1) {
                return job.id;
            }
        }
        return null;
    }

    @Transactional
    public long queued() {
        return TrainingJob.count("state", JobState.QUEUED);
    }

    /** After a restart: jobs left RUNNING go back to the queue and resume from their last checkpoint. */
    @Transactional
    public int requeueInterrupted() {
        return TrainingJob.update("state = ?1 where state = ?2", JobState.QUEUED, JobState.RUNNING);
    }

    @Transactional
    public Plan plan(UUID id) {
        TrainingJob job = find(id);
        LanguageModel base = models.find(job.baseModelId);
        List<TrainingPair> pairs = job.runId != null
                ? Sample.<Sample>find(RUN_PAIRS, Sort.by("position"), job.runId, SampleStatus.COMPLETED).stream()
                        .map(s -> new TrainingPair(s.prompt, s.revisionForExport())).toList()
                : DatasetPrompt.<DatasetPrompt>find(DATASET_PAIRS, Sort.by("position"), job.datasetId).stream()
                        .map(p -> new TrainingPair(p.prompt, p.target)).toList();
        return new Plan(job, base.path, pairs);
    }

    @Transactional
    public void progress(UUID id, CausalLmTrainer.StepStats stats, List<Double> losses) {
        TrainingJob job = find(id);
        job.step = stats.step();
        job.totalSteps = stats.totalSteps();
        job.tokensPerSecond = stats.tokensPerSecond();
        job.stepMillis = stats.stepMillis();
        job.lossHistory = LossHistory.write(losses);
    }

    @Transactional
    public void checkpoint(UUID id, int epoch, int step, Path dir, List<Double> losses) {
        TrainingJob job = find(id);
        job.epoch = epoch;
        job.step = step;
        job.checkpointPath = dir.toString();
        job.lossHistory = LossHistory.write(losses);
    }

    @Transactional
    public void totalSteps(UUID id, int totalSteps) {
        find(id).totalSteps = totalSteps;
    }

    @Transactional
    public void finish(UUID id, JobState state, UUID modelId, String error) {
        TrainingJob job = find(id);
        job.state = state;
        job.modelId = modelId;
        job.error = error;
        job.finishedAt = Instant.now();
    }

    private static int context(LanguageModel base) {
        try {
            return Gpt2Config.read(Path.of(base.path).resolve(CausalLm.CONFIG)).nPositions();
        } catch (IOException e) {
            throw ProblemException.badRequest("Model " + base.id + " has no readable config.json: " + e.getMessage());
        }
    }

    private static TrainingJob find(UUID id) {
        return ProblemException.found(TrainingJob.findById(id), "Training job", id);
    }
}
