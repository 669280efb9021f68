package io.caitune.training;

import jakarta.enterprise.context.ApplicationScoped;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts a {@link TrainingWorker} JVM with this JVM's own code: from the packaged service
 * ({@code java -jar quarkus-run.jar}) as {@code java -jar quarkus-run.jar training-worker <spec>}, otherwise (tests,
 * an exploded classpath) as {@code java -cp <this classpath> io.caitune.training.TrainingWorker <spec>}. DJL's
 * {@code ai.djl.*} system properties are passed on; the environment ({@code DJL_CACHE_DIR},
 * {@code PYTORCH_LIBRARY_PATH}, {@code CUDA_VISIBLE_DEVICES}) is inherited.
 */
@ApplicationScoped
public class WorkerLauncher {

    private final TrainingConfig config;

    public WorkerLauncher(TrainingConfig config) {
        this.config = config;
    }

    public Process start(Path spec, Path log) throws IOException {
        return new ProcessBuilder(command(spec, config.worker().jvmOptions().orElse(List.of()), System.getProperty("java.class.path")))
                .redirectErrorStream(false)
                .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
    }

    static List<String> command(Path spec, List<String> jvmOptions, String classPath) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        System.getProperties().stringPropertyNames().stream().filter(k -> k.startsWith("ai.djl.")).sorted()
                .forEach(k -> command.add("-D" + k + "=" + System.getProperty(k)));
        if (isRunnerJar(classPath)) {
            command.add("-jar");
            command.add(classPath);
            command.add(TrainingWorker.JAR_ARGUMENT);
        } else {
            command.add("-cp");
            command.add(classPath);
            command.add(TrainingWorker.class.getName());
        }
        command.add(spec.toAbsolutePath().toString());
        return command;
    }

    /** The packaged service: its class path is the runner jar alone, whose main dispatches to the worker. */
    static boolean isRunnerJar(String classPath) {
        return !classPath.contains(File.pathSeparator) && classPath.endsWith("quarkus-run.jar");
    }
}
