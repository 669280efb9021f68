package io.caitune.training;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * What the host offers against what PyTorch can use: NVIDIA GPUs the kernel driver lists
 * ({@code /proc/driver/nvidia/gpus/*}, one directory per GPU), and the native library DJL will load
 * ({@code PYTORCH_LIBRARY_PATH}, else the {@code pytorch-native-*} jar on the class path, whose
 * {@code native/lib/pytorch.properties} names its flavor: {@code cpu}, {@code cu124}, ...). Reading both needs no
 * engine, so the service can warn at start that a GPU host would train on the CPU. The root is injectable for tests.
 */
public final class GpuProbe {

    private final Path procRoot;
    private final String pytorchLibraryPath;
    private final String nativeFlavor;

    public GpuProbe(Path procRoot, String pytorchLibraryPath, String nativeFlavor) {
        this.procRoot = procRoot;
        this.pytorchLibraryPath = pytorchLibraryPath;
        this.nativeFlavor = nativeFlavor;
    }

    /** This machine: {@code procRoot} (normally {@code /proc}), the environment and the class path. */
    public static GpuProbe host(Path procRoot) {
        return new GpuProbe(procRoot, System.getenv("PYTORCH_LIBRARY_PATH"), classpathFlavor());
    }

    /** NVIDIA GPUs the kernel driver knows (0 without the driver). */
    public int hostGpus() {
        Path gpus = procRoot.resolve("driver/nvidia/gpus");
        if (!Files.isDirectory(gpus)) {
            return 0;
        }
        try (Stream<Path> entries = Files.list(gpus)) {
            return (int) entries.filter(Files::isDirectory).count();
        } catch (IOException e) {
            return 0;
        }
    }

    /** Where PyTorch comes from, in words: a local libtorch, or the flavor of the native jar. */
    public String nativeLibrary() {
        if (pytorchLibraryPath != null && !pytorchLibraryPath.isBlank()) {
            return "PYTORCH_LIBRARY_PATH=" + pytorchLibraryPath;
        }
        return nativeFlavor != null ? "pytorch-native-" + nativeFlavor : "no pytorch-native jar";
    }

    /** Whether the library PyTorch will load can drive a GPU at all (a local libtorch might: unknown until loaded). */
    public boolean cpuOnlyLibrary() {
        return (pytorchLibraryPath == null || pytorchLibraryPath.isBlank()) && !"cu".equals(
                nativeFlavor == null ? null : nativeFlavor.substring(0, Math.min(2, nativeFlavor.length())));
    }

    /**
     * Why training will not use the host's GPUs, or null when nothing is wrong.
     *
     * @param engineGpus the GPUs the loaded engine reports; null before the engine has loaded
     */
    public String problem(Integer engineGpus) {
        int host = hostGpus();
        if (host == 0) {
            return null;
        }
        if (engineGpus != null && engineGpus >= host) {
            return null;
        }
        if (engineGpus == null && !cpuOnlyLibrary()) {
            return null; // a CUDA library: known once the engine loads
        }
        String sees = engineGpus == null ? "will see no GPU" : "sees " + engineGpus + " GPU(s)";
        return "The host has " + host + " NVIDIA GPU(s) but the PyTorch engine " + sees + " (" + nativeLibrary()
                + "): training runs on the CPU. Build with -Pcuda or set PYTORCH_LIBRARY_PATH to a CUDA libtorch"
                + " (docs/training.md, 'GPUs')";
    }

    private static String classpathFlavor() {
        try (InputStream in = GpuProbe.class.getClassLoader().getResourceAsStream("native/lib/pytorch.properties")) {
            if (in == null) {
                return null;
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("flavor");
        } catch (IOException e) {
            return null;
        }
    }
}
