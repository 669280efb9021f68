package io.caitune.training;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** A GPU host whose engine sees no GPU must be named as such; a host without GPUs, or a working CUDA engine, not. */
class GpuProbeTests {

    @TempDir
    Path proc;

    @Test
    void aHostWithNvidiaGpusAndACpuOnlyLibraryShouldBeReportedBeforeAndAfterTheEngineLoads() throws Exception {
        gpus(2);
        GpuProbe probe = new GpuProbe(proc, null, "cpu");
        assertThat(probe.hostGpus()).isEqualTo(2);
        assertThat(probe.cpuOnlyLibrary()).isTrue();
        assertThat(probe.problem(null)).contains("2 NVIDIA GPU(s)").contains("will see no GPU")
                .contains("pytorch-native-cpu");
        assertThat(probe.problem(0)).contains("sees 0 GPU(s)");
        assertThat(probe.problem(1)).as("one of two GPUs is still a problem").contains("sees 1 GPU(s)");
    }

    @Test
    void aCudaLibraryShouldBeTrustedUntilTheEngineSaysOtherwise() throws Exception {
        gpus(1);
        GpuProbe cuda = new GpuProbe(proc, null, "cu124");
        assertThat(cuda.cpuOnlyLibrary()).isFalse();
        assertThat(cuda.problem(null)).isNull();
        assertThat(cuda.problem(1)).isNull();
        assertThat(cuda.problem(0)).contains("sees 0 GPU(s)").contains("pytorch-native-cu124");

        GpuProbe local = new GpuProbe(proc, "/opt/libtorch/lib", "cpu");
        assertThat(local.nativeLibrary()).isEqualTo("PYTORCH_LIBRARY_PATH=/opt/libtorch/lib");
        assertThat(local.problem(null)).isNull();
        assertThat(local.problem(0)).contains("PYTORCH_LIBRARY_PATH=/opt/libtorch/lib");
    }

    @Test
    void aHostWithoutTheNvidiaDriverHasNothingToReport() {
        GpuProbe probe = new GpuProbe(proc, null, "cpu");
        assertThat(probe.hostGpus()).isZero();
        assertThat(probe.problem(null)).isNull();
        assertThat(probe.problem(0)).isNull();
    }

    private void gpus(int count) throws Exception {
        for (int i = 0; i < count; i++) {
            Path gpu = Files.createDirectories(proc.resolve("driver/nvidia/gpus/0000:0" + i + ":00.0"));
            Files.writeString(gpu.resolve("information"), "Model: NVIDIA H200\n");
        }
    }
}
