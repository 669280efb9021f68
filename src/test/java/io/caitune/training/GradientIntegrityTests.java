package io.caitune.training;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import io.caitune.training.model.CausalLm;
import io.caitune.training.model.Scalars;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Autograd must not depend on the garbage collector: a GC between forward and backward (which frees DJL's
 * Java-buffer scalars) must leave every gradient exactly as it is without one, and a job must be repeatable bit for bit.
 */
class GradientIntegrityTests {

    @TempDir
    Path tmp;

    @Test
    void scalarArithmeticShouldKeepItsGradientAcrossAGarbageCollection() {
        try (NDManager manager = DjlRuntime.engine().newBaseManager(Device.cpu());
                GradientCollector collector = DjlRuntime.engine().newGradientCollector()) {
            NDArray x = manager.create(new float[] {1f, 2f, 3f});
            x.setRequiresGradient(true);
            // y = ((2x + 1) / 4), so dy/dx = 0.5 for every element
            NDArray y = Scalars.div(Scalars.add(Scalars.mul(x, 2f), 1f), 4f).sum();
            collectGarbageAndReuseFreedMemory();
            collector.backward(y);
            assertThat(x.getGradient().toFloatArray()).containsExactly(0.5f, 0.5f, 0.5f);
        }
    }

    @Test
    void aGpt2TrainingStepShouldGiveIdenticalGradientsWithAndWithoutAGarbageCollection() throws Exception {
        Path base = TinyGpt2.write(tmp.resolve("base"), 3);
        Map<String, float[]> quiet = gradients(base, false);
        Map<String, float[]> collected = gradients(base, true);
        assertThat(collected.keySet()).containsExactlyElementsOf(quiet.keySet());
        quiet.forEach((name, gradient) -> {
            assertThat(collected.get(name)).as(name).containsExactly(gradient);
            assertThat(finite(gradient)).as(name).isTrue();
        });
        assertThat(quiet.get("h.0.attn.c_attn.weight")).as("a real gradient").isNotEqualTo(new float[quiet.get("h.0.attn.c_attn.weight").length]);
    }

    @Test
    void theSameJobTwiceOnTheCpuShouldGiveBitIdenticalLosses() throws Exception {
        Path base = TinyGpt2.write(tmp.resolve("base"), 5);
        List<Double> first = train(base);
        List<Double> second = train(base);
        assertThat(first).hasSize(12);
        assertThat(second).containsExactlyElementsOf(first);
    }

    private static Map<String, float[]> gradients(Path base, boolean collectGarbage) throws Exception {
        try (CausalLm lm = CausalLm.load(base, Device.cpu(), true)) {
            DjlRuntime.engine().setRandomSeed(17); // the same dropout masks in both runs
            lm.model().hfParameters().values().forEach(p -> p.getArray().setRequiresGradient(true));
            List<CausalLmTrainer.Example> batch = CausalLmTrainer.examples(lm, TinyGpt2.pairs().subList(0, 4), 32);
            int counted = batch.stream().mapToInt(CausalLmTrainer.Example::countedTokens).sum();
            try (GradientCollector collector = DjlRuntime.engine().newGradientCollector();
                    NDManager scope = lm.manager().newSubManager()) {
                NDArray loss = CausalLmTrainer.forward(lm, scope, batch, CausalLmTrainer.padId(lm), counted);
                if (collectGarbage) {
                    collectGarbageAndReuseFreedMemory();
                }
                collector.backward(loss);
            }
            Map<String, float[]> gradients = new LinkedHashMap<>();
            lm.model().hfParameters().forEach((name, p) -> {
                try (NDArray gradient = p.getArray().getGradient()) {
                    gradients.put(name, gradient.toFloatArray());
                }
            });
            return gradients;
        }
    }

    private static List<Double> train(Path base) throws Exception {
        try (CausalLm lm = CausalLm.load(base, Device.cpu(), true)) {
            List<CausalLmTrainer.Example> examples = CausalLmTrainer.examples(lm, TinyGpt2.pairs(), 32);
            CausalLmTrainer.Settings settings = new CausalLmTrainer.Settings(2, 10, 1, 0.003f, 0.01f, 2, 32, 9, 1f);
            List<Double> losses = new ArrayList<>();
            new CausalLmTrainer().train(lm, examples, settings, 0, new CausalLmTrainer.Listener() {
                @Override
                public void onStep(CausalLmTrainer.StepStats stats) {
                    losses.add(stats.loss());
                    collectGarbageAndReuseFreedMemory(); // GCs during a job must not change a single bit
                }

                @Override
                public void onEpoch(int epoch, int step) {
                }

                @Override
                public boolean cancelled() {
                    return false;
                }
            });
            return losses;
        }
    }

    private static boolean finite(float[] values) {
        for (float v : values) {
            if (!Float.isFinite(v)) {
                return false;
            }
        }
        return true;
    }

    /** Several full GCs, then fresh direct buffers full of garbage, so freed native memory is overwritten. */
    static void collectGarbageAndReuseFreedMemory() {
        List<ByteBuffer> garbage = new ArrayList<>();
        for (int round = 0; round < 4; round++) {
            System.gc();
            try {
                Thread.sleep(20); // lets the cleaner thread free the buffers the GC found unreachable
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            for (int i = 0; i < 64; i++) {
                ByteBuffer buffer = ByteBuffer.allocateDirect(4096);
                while (buffer.hasRemaining()) {
                    buffer.put((byte) 0x7f);
                }
                garbage.add(buffer);
            }
        }
        assertThat(garbage).hasSize(256);
    }
}
