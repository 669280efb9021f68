package io.caitune.training;

import ai.djl.Device;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.caitune.training.model.CausalLm;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * The entry point of a training worker process: one job per JVM, so a native crash or an out-of-memory kill ends
 * only that job, PyTorch's JVM-wide gradient collector never sees two jobs, and cancel can kill the process. Reads a
 * {@link WorkerSpec} file, trains, writes checkpoints, and reports on standard output as JSON lines
 * ({@link WorkerEvent}); everything else (logs) goes to standard error. It ends when its standard input closes (the
 * service is gone). Started by {@link WorkerLauncher}, with
 * {@code java -cp <classpath> io.caitune.training.TrainingWorker <spec.json>} or, in the packaged service, {@code java -jar quarkus-run.jar training-worker <spec.json>} (io.caitune.ServiceMain).
 */
public final class TrainingWorker {

    /** The first argument that makes the packaged jar a training worker: {@code java -jar quarkus-run.jar training-worker <spec>}. */
    public static final String JAR_ARGUMENT = "training-worker";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int EXIT_SERVICE_GONE = 3;

    private final WorkerSpec spec;
    private final PrintStream events;

    TrainingWorker(WorkerSpec spec, PrintStream events) {
        this.spec = spec;
        this.events = events;
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: TrainingWorker <spec.json>");
            System.exit(2);
        }
        // the events own the real standard output; anything else printing there (logs) goes to standard error
        PrintStream events = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        System.setOut(System.err);
        endWithTheService();
        WorkerSpec spec = JSON.readValue(Path.of(args[0]).toFile(), WorkerSpec.class);
        System.exit(new TrainingWorker(spec, events).run());
    }

    /**
     * The service holds this process' standard input open; it closes when the service ends, even by {@code kill -9}.
     * The worker then ends too, so no orphan keeps training into the checkpoint directory a restarted service
     * resumes from.
     */
    private static void endWithTheService() {
        Thread watchdog = new Thread(() -> {
            try {
                while (System.in.read() != -1) {
                    // nothing is sent; only the end of the stream matters
                }
            } catch (IOException e) {
                // a broken pipe means the same
            }
            Runtime.getRuntime().halt(EXIT_SERVICE_GONE);
        }, "service-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
    }

    /** Returns the process exit code: 0 when the outcome (completed or failed) was reported. */
    int run() {
        try {
            Device device = Device.of(spec.deviceType(), spec.deviceId());
            Path jobDir = Path.of(spec.jobDir());
            try (CausalLm lm = CausalLm.load(Path.of(spec.source()), device, true)) {
                CausalLmTrainer.Settings settings = spec.settings();
                int maxLength = Math.min(settings.maxLength(), lm.config().nPositions());
                List<CausalLmTrainer.Example> examples = CausalLmTrainer.examples(lm, spec.pairs(), maxLength);
                if (examples.isEmpty()) {
                    emit(WorkerEvent.failed("No example keeps a response token within maxLength"));
                    return 0;
                }
                emit(WorkerEvent.plan(CausalLmTrainer.stepsPerEpoch(examples.size(), settings) * settings.epochs()));
                String[] last = {spec.startEpoch() > 0 ? spec.source() : null};
                new CausalLmTrainer().train(lm, examples, settings, spec.startEpoch(), new CausalLmTrainer.Listener() {
                    @Override
                    public void onStep(CausalLmTrainer.StepStats stats) {
                        emit(WorkerEvent.step(stats));
                    }

                    @Override
                    public void onEpoch(int epoch, int step) throws IOException {
                        Path dir = Checkpoints.epochDir(jobDir, epoch).toAbsolutePath().normalize();
                        lm.save(dir);
                        Checkpoints.prune(jobDir, spec.keepCheckpoints());
                        last[0] = dir.toString();
                        emit(WorkerEvent.checkpoint(epoch, step, dir.toString()));
                    }

                    @Override
                    public boolean cancelled() {
                        return false; // the service cancels by ending the process
                    }
                });
                emit(WorkerEvent.completed(last[0]));
                return 0;
            }
        } catch (Exception | LinkageError e) {
            e.printStackTrace();
            emit(WorkerEvent.failed(e.getClass().getSimpleName() + ": " + e.getMessage()));
            return 1;
        }
    }

    private void emit(WorkerEvent event) {
        try {
            events.println(JSON.writeValueAsString(event));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
