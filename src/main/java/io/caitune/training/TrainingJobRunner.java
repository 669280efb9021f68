package io.caitune.training;

import ai.djl.Device;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;

/**
 * Runs one job in its own worker process ({@link TrainingWorker}) and supervises it: hands it the job as a spec file,
 * records its progress lines in the database, registers the last checkpoint as a model when it completes, and turns
 * an abnormal exit (a native crash, an out-of-memory kill) into a FAILED job while the service keeps running.
 */
@ApplicationScoped
public class TrainingJobRunner {

    /** At most this often a running job writes its progress; epochs and the end always write. */
    private static final long PROGRESS_EVERY_NANOS = 500_000_000L;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int ERROR_TAIL = 600;

    private final TrainingJobService jobs;
    private final ModelRegistry models;
    private final TrainingConfig config;
    private final WorkerLauncher launcher;
    private final Map<UUID, Process> running = new ConcurrentHashMap<>();

    public TrainingJobRunner(TrainingJobService jobs, ModelRegistry models, TrainingConfig config,
            WorkerLauncher launcher) {
        this.jobs = jobs;
        this.models = models;
        this.config = config;
        this.launcher = launcher;
    }

    /** Ends a job's worker process at once (cancel, shutdown); the supervising thread then records the outcome. */
    public void kill(UUID jobId) {
        Process process = running.get(jobId);
        if (process != null) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }

    public void killAll() {
        running.keySet().forEach(this::kill);
    }

    /** The worker process of a running job, if any (tests, diagnostics). */
    public ProcessHandle worker(UUID jobId) {
        Process process = running.get(jobId);
        return process != null ? process.toHandle() : null;
    }

    /**
     * @param cancelled the user asked to stop: the job ends CANCELLED
     * @param stopping the process shuts down: the job stays RUNNING and resumes after the restart
     */
    public void run(UUID jobId, Device device, BooleanSupplier cancelled, BooleanSupplier stopping) {
        Path spec = null;
        try {
            TrainingJobService.Plan plan = jobs.plan(jobId);
            TrainingJob job = plan.job();
            boolean resume = job.checkpointPath != null && job.epoch > 0;
            Path jobDir = Files.createDirectories(Path.of(config.checkpointDir()).resolve(jobId.toString())
                    .toAbsolutePath().normalize());
            String source = resume ? job.checkpointPath : plan.basePath();
            spec = jobDir.resolve("worker-spec.json");
            JSON.writeValue(spec.toFile(), new WorkerSpec(jobId, source, resume ? job.epoch : 0,
                    device.getDeviceType(), device.getDeviceId(),
                    new CausalLmTrainer.Settings(job.epochs, job.batchSize, job.gradientAccumulationSteps,
                            (float) job.learningRate, (float) job.weightDecay, job.warmupSteps, job.maxLength,
                            job.seed, (float) job.maxGradNorm),
                    plan.pairs(), jobDir.toString(), config.keepCheckpoints()));
            Path log = jobDir.resolve("worker.log");
            Log.infof("Training job %s on %s from %s (%d pairs, epoch %d of %d) in a worker process; log %s", jobId,
                    device, source, plan.pairs().size(), job.epoch, job.epochs, log);
            Process process = launcher.start(spec, log);
            running.put(jobId, process);
            if (cancelled.getAsBoolean() || stopping.getAsBoolean()) {
                kill(jobId); // a cancel that came while the worker was starting
            }
            Outcome outcome = supervise(jobId, process,
                    resume ? new ArrayList<>(LossHistory.read(job.lossHistory)) : new ArrayList<>());
            int exit = process.waitFor();
            running.remove(jobId);
            if (stopping.getAsBoolean()) {
                return; // stays RUNNING: the next start resumes it from its last checkpoint
            }
            if (cancelled.getAsBoolean()) {
                jobs.finish(jobId, JobState.CANCELLED, null, null);
            } else if (outcome.completed != null) {
                LanguageModel base = models.find(job.baseModelId);
                LanguageModel tuned = models.register(base.name + "-tuned-" + jobId.toString().substring(0, 8),
                        outcome.completed, jobId);
                jobs.finish(jobId, JobState.COMPLETED, tuned.id, null);
                Log.infof("Training job %s completed: model %s at %s", jobId, tuned.id, tuned.path);
            } else if (outcome.failed != null) {
                jobs.finish(jobId, JobState.FAILED, null, outcome.failed);
            } else {
                String error = "The worker process ended with exit code " + exit + " (a native crash or a kill, "
                        + "e.g. out of memory)" + tail(log);
                Log.errorf("Training job %s: %s", jobId, error);
                jobs.finish(jobId, JobState.FAILED, null, error);
            }
        } catch (Exception | LinkageError e) {
            kill(jobId);
            running.remove(jobId);
            if (stopping.getAsBoolean()) {
                return;
            }
            if (cancelled.getAsBoolean()) {
                // a cancel kills the worker: reading its output may then fail ("Stream closed") before it ends
                jobs.finish(jobId, JobState.CANCELLED, null, null);
                return;
            }
            Log.errorf(e, "Training job %s failed", jobId);
            jobs.finish(jobId, JobState.FAILED, null, e.getClass().getSimpleName() + ": " + e.getMessage());
        } finally {
            deleteQuietly(spec); // it holds the training data
        }
    }

    /** Reads the worker's event lines until it ends; records progress and checkpoints as they come. */
    private Outcome supervise(UUID jobId, Process process, List<Double> losses) throws IOException {
        Outcome outcome = new Outcome();
        long lastWrite = 0;
        try (BufferedReader lines = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                WorkerEvent event = parse(line);
                if (event == null) {
                    Log.debugf("Training job %s worker: %s", jobId, line);
                    continue;
                }
                switch (event.event()) {
                    case WorkerEvent.PLAN -> jobs.totalSteps(jobId, event.totalSteps());
                    case WorkerEvent.STEP -> {
                        // a resumed job redoes the steps after its last checkpoint: they replace, not repeat
                        int before = event.step() - 1;
                        if (losses.size() > before) {
                            losses.subList(before, losses.size()).clear();
                        }
                        losses.add(event.loss());
                        long now = System.nanoTime();
                        if (now - lastWrite >= PROGRESS_EVERY_NANOS || event.step().equals(event.totalSteps())) {
                            lastWrite = now;
                            jobs.progress(jobId, event.stats(), losses);
                        }
                    }
                    case WorkerEvent.CHECKPOINT ->
                        jobs.checkpoint(jobId, event.epoch(), event.step(), Path.of(event.path()), losses);
                    case WorkerEvent.COMPLETED -> outcome.completed = event.path();
                    case WorkerEvent.FAILED -> outcome.failed = event.error();
                    default -> Log.debugf("Training job %s worker: unknown event %s", jobId, line);
                }
            }
        }
        return outcome;
    }

    private static WorkerEvent parse(String line) {
        if (!line.startsWith("{\"event\"")) {
            return null;
        }
        try {
            return JSON.readValue(line, WorkerEvent.class);
        } catch (IOException e) {
            return null;
        }
    }

    private static String tail(Path log) {
        try {
            String text = Files.readString(log).strip();
            return text.isEmpty() ? "" : "; worker log: …" + text.substring(Math.max(0, text.length() - ERROR_TAIL));
        } catch (IOException e) {
            return "";
        }
    }

    private static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                Log.debugf("Could not delete %s: %s", file, e.getMessage());
            }
        }
    }

    private static final class Outcome {
        private String completed;
        private String failed;
    }
}
