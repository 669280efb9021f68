package io.caitune.training;

import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Says loudly when a GPU host would train on the CPU: a warning at start (without loading the engine), again once
 * the engine has loaded and reported its GPUs, in {@code /q/health} ({@link GpuHealthCheck}) and on every job
 * placed on the CPU ({@code deviceNote}).
 */
@ApplicationScoped
public class GpuStatus {

    private final GpuProbe probe;
    private volatile Integer engineGpus;

    public GpuStatus(TrainingConfig config) {
        this.probe = GpuProbe.host(java.nio.file.Path.of(config.procRoot()));
    }

    void onStart(@Observes StartupEvent event) {
        String problem = problem();
        if (problem != null) {
            Log.warn("!!! " + problem);
        }
    }

    /** Called once the engine has loaded. */
    public void engineLoaded(int gpus) {
        engineGpus = gpus;
        String problem = problem();
        if (problem != null) {
            Log.warn("!!! " + problem);
        }
    }

    public int hostGpus() {
        return probe.hostGpus();
    }

    /** Null before the first job loaded the engine. */
    public Integer engineGpus() {
        return engineGpus;
    }

    public String nativeLibrary() {
        return probe.nativeLibrary();
    }

    /** The reason training will not use the host's GPUs; null when there is none. */
    public String problem() {
        return probe.problem(engineGpus);
    }
}
