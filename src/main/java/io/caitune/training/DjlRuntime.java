package io.caitune.training;

import ai.djl.Device;
import ai.djl.engine.Engine;

import java.util.ArrayList;
import java.util.List;

/**
 * The one door to DJL: every training and generation path goes through {@link #engine()}, so the offline and
 * no-telemetry settings are in place before the PyTorch engine first loads, and the engine never loads at
 * application start (the API starts without touching the ~450 MB native library).
 */
public final class DjlRuntime {

    public static final String ENGINE = "PyTorch";

    private DjlRuntime() {
    }

    /** Sets DJL's offline and tracking switches unless the operator set them already. */
    public static void configure() {
        // without these the engine downloads natives and calls a telemetry URL and the cloud metadata address
        setIfAbsent("ai.djl.offline", "true");
        setIfAbsent("OPT_OUT_TRACKING", "true");
        setIfAbsent("ai.djl.default_engine", ENGINE);
    }

    public static synchronized Engine engine() {
        configure();
        return Engine.getEngine(ENGINE);
    }

    /** The devices the engine reports: every GPU, else the CPU when {@code cpuFallback}, else none. */
    public static List<Device> devices(boolean cpuFallback) {
        int gpus = engine().getGpuCount();
        List<Device> devices = new ArrayList<>();
        for (int i = 0; i < gpus; i++) {
            devices.add(Device.gpu(i));
        }
        if (devices.isEmpty() && cpuFallback) {
            devices.add(Device.cpu());
        }
        return devices;
    }

    /** Where generation runs: the first GPU when there is one, else the CPU. */
    public static Device inferenceDevice() {
        return engine().getGpuCount() > 0 ? Device.gpu() : Device.cpu();
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null && System.getenv(key) == null) {
            System.setProperty(key, value);
        }
    }
}
