package io.caitune.training;

import ai.djl.Device;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.context.ManagedExecutor;
import org.eclipse.microprofile.context.ThreadContext;

import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Hands queued jobs, oldest first, to free devices: one job per GPU the engine reports, or the CPU when there is none
 * and {@code cai.training.cpu-fallback} allows it. All dispatching happens on one thread, so claims never race, and
 * the engine (and its native library) loads there the first time a job is waiting, never on an HTTP thread or at
 * start-up. Each job runs in its own worker process, supervised from a worker thread here.
 */
@ApplicationScoped
public class TrainingScheduler {

    private final TrainingJobService jobs;
    private final TrainingJobRunner runner;
    private final TrainingConfig config;
    private final GpuStatus gpus;
    private final ManagedExecutor dispatcher;
    private final ManagedExecutor workers;
    private final Set<String> busy = ConcurrentHashMap.newKeySet();
    private final Set<UUID> cancelled = ConcurrentHashMap.newKeySet();
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicInteger deviceCount = new AtomicInteger();
    private final AtomicBoolean stopping = new AtomicBoolean();
    private volatile List<Device> devices;
    private volatile List<Slot> slots;

    public TrainingScheduler(TrainingJobService jobs, TrainingJobRunner runner, TrainingConfig config,
            GpuStatus gpus, MeterRegistry registry) {
        this.gpus = gpus;
        this.jobs = jobs;
        this.runner = runner;
        this.config = config;
        // one dispatch at a time; each running job's supervision on a worker thread of its own (Quarkus' pool)
        this.dispatcher = ManagedExecutor.builder().maxAsync(1).propagated(ThreadContext.NONE)
                .cleared(ThreadContext.ALL_REMAINING).build();
        this.workers = ManagedExecutor.builder().propagated(ThreadContext.NONE)
                .cleared(ThreadContext.ALL_REMAINING).build();
        Gauge.builder("cai.training.queue", queued, AtomicInteger::get)
                .description("Training jobs waiting for a device").register(registry);
        Gauge.builder("cai.training.devices.busy", busy, Set::size)
                .description("Devices running a training job").register(registry);
        Gauge.builder("cai.training.devices", deviceCount, AtomicInteger::get)
                .description("Devices training may use (known once the first job was dispatched)").register(registry);
    }

    void onStart(@Observes StartupEvent event) {
        if (config.resumeOnStart()) {
            int requeued = jobs.requeueInterrupted();
            if (requeued > 0) {
                Log.infof("Re-queued %d interrupted training job(s); they resume from their last checkpoint", requeued);
            }
            dispatch();
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        // running jobs stop between steps and stay RUNNING in the database, so the next start resumes them
        stopping.set(true);
        runner.killAll();
        dispatcher.shutdownNow();
        workers.shutdownNow();
    }

    /** Looks for work now (after a submit, a finished job, or a start). Returns at once. */
    public void dispatch() {
        if (!stopping.get()) {
            dispatcher.execute(this::dispatchNow);
        }
    }

    /** Stops a running job: its worker process is killed, and the job ends CANCELLED. */
    public void cancel(UUID jobId) {
        cancelled.add(jobId);
        runner.kill(jobId);
    }

    public List<Device> devices() {
        return devices;
    }

    private void dispatchNow() {
        try {
            long waiting = jobs.queued();
            queued.set((int) waiting);
            if (waiting == 0) {
                return;
            }
            if (devices == null) {
                devices = DjlRuntime.devices(config.cpuFallback());
                slots = Slot.of(devices, config.cpuSlots());
                gpus.engineLoaded(DjlRuntime.engine().getGpuCount());
                deviceCount.set(devices.size());
                Log.infof("Training devices: %s", devices.isEmpty() ? "none (no GPU, cpu-fallback=false)" : devices);
            }
            for (Slot slot : slots) {
                if (busy.contains(slot.key())) {
                    continue;
                }
                // a job on the CPU of a GPU host says why, so nobody waits days for what should take hours
                UUID jobId = jobs.claimNext(slot.device().toString(), slot.device().isGpu() ? null : gpus.problem());
                if (jobId == null) {
                    break;
                }
                busy.add(slot.key());
                workers.execute(() -> runOn(jobId, slot));
            }
            queued.set((int) jobs.queued());
        } catch (RuntimeException | LinkageError e) {
            Log.errorf(e, "Could not dispatch training jobs");
        }
    }

    private void runOn(UUID jobId, Slot slot) {
        try {
            runner.run(jobId, slot.device(), () -> cancelled.contains(jobId), stopping::get);
        } finally {
            cancelled.remove(jobId);
            busy.remove(slot.key());
            dispatch();
        }
    }

    /** A place for one job: a GPU, or one of {@code cpu-slots} places on the CPU. */
    record Slot(Device device, String key) {

        static List<Slot> of(List<Device> devices, int cpuSlots) {
            List<Slot> slots = new java.util.ArrayList<>();
            for (Device device : devices) {
                int places = device.isGpu() ? 1 : Math.max(1, cpuSlots);
                for (int i = 0; i < places; i++) {
                    slots.add(new Slot(device, device + "#" + i));
                }
            }
            return slots;
        }
    }
}
