package io.caitune.training;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

import java.io.IOException;
import java.util.Arrays;

/**
 * The application's main: {@code java -jar quarkus-run.jar} starts the service as always, while
 * {@code java -jar quarkus-run.jar training-worker <spec.json>} runs one training job in this JVM without starting
 * the service (no HTTP port, no database), which is how the packaged service starts its worker processes.
 */
@QuarkusMain
public class TrainingMain {

    public static final String WORKER = "training-worker";

    public static void main(String... args) throws IOException {
        if (args.length > 0 && WORKER.equals(args[0])) {
            TrainingWorker.main(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        Quarkus.run(args);
    }
}
