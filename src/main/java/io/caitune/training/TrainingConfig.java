package io.caitune.training;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.List;
import java.util.Optional;

/** Training and generation settings ({@code cai.training.*}). */
@ConfigMapping(prefix = "cai.training")
public interface TrainingConfig {

    /** Run jobs on the CPU when the engine reports no GPU; with false, jobs wait in the queue for a GPU. */
    @WithDefault("true")
    boolean cpuFallback();

    /** Per-epoch checkpoints go to {@code <checkpoint-dir>/<job id>/epoch-<n>} in Hugging Face layout. */
    @WithDefault("./data/checkpoints")
    String checkpointDir();

    /** A {@code baseModel} that is neither a registered id nor name is looked up as a directory here. */
    @WithDefault("./data/models")
    String modelsDir();

    /**
     * More directories (besides models-dir and checkpoint-dir) whose model sub-directories may be registered through
     * {@code POST /api/models}; any other path is refused, symbolic links resolved.
     */
    Optional<List<String>> allowedModelDirs();

    /** Re-queue jobs a previous process left RUNNING; they resume from their last checkpoint. */
    @WithDefault("true")
    boolean resumeOnStart();

    /** Models kept loaded for generation; the least recently used one is closed first. */
    @WithDefault("2")
    int loadedModels();

    /** Jobs run at the same time on the CPU when there is no GPU (each in its own worker process). */
    @WithDefault("1")
    int cpuSlots();

    /** The newest epoch checkpoints kept per job; older ones are deleted (0 keeps all, like save_total_limit=None). */
    @WithDefault("0")
    int keepCheckpoints();

    /** Where the kernel's {@code driver/nvidia/gpus} is read to count the host's NVIDIA GPUs (tests point elsewhere). */
    @WithDefault("/proc")
    String procRoot();

    /** The worker processes that run the jobs. */
    Worker worker();

    interface Worker {

        /** JVM options of each worker process, e.g. {@code -Xmx8g}; comma-separated. */
        Optional<List<String>> jvmOptions();
    }
}
