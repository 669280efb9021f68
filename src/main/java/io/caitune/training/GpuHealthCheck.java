package io.caitune.training;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * {@code training-gpu} in {@code /q/health}: the host's NVIDIA GPUs, the GPUs the engine sees, the native library,
 * and a {@code warning} when GPUs go unused. It stays UP (the service works, on the CPU): the warning is the news.
 */
@Readiness
@ApplicationScoped
public class GpuHealthCheck implements HealthCheck {

    private final GpuStatus status;

    public GpuHealthCheck(GpuStatus status) {
        this.status = status;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder builder = HealthCheckResponse.named("training-gpu").up()
                .withData("hostGpus", status.hostGpus())
                .withData("engineGpus", status.engineGpus() == null ? "engine not loaded yet"
                        : String.valueOf(status.engineGpus()))
                .withData("nativeLibrary", status.nativeLibrary());
        String problem = status.problem();
        if (problem != null) {
            builder.withData("warning", problem);
        }
        return builder.build();
    }
}
