package io.caitune.training;

import ai.djl.Device;
import io.caitune.training.model.CausalLm;
import io.caitune.training.model.Gpt2Config;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Training throughput on the CPU for the tiny test model and randomly initialised gpt2 (124M): tokens/s and step
 * time per optimizer step. Not a test; run with {@code bench/train-bench.sh [presets] [seqLen] [batch] [steps]}.
 */
public final class TrainingBenchmark {

    private TrainingBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        List<String> presets = Arrays.asList((args.length > 0 ? args[0] : "tiny,gpt2").split(","));
        int seqLen = args.length > 1 ? Integer.parseInt(args[1]) : 64;
        int batch = args.length > 2 ? Integer.parseInt(args[2]) : 4;
        int steps = args.length > 3 ? Integer.parseInt(args[3]) : 6;
        System.out.printf("%-12s %10s %6s %6s %12s %12s%n", "model", "params", "batch", "seq", "tokens/s", "step ms");
        for (String preset : presets) {
            Gpt2Config config = preset.equals("tiny") ? TinyGpt2.config() : Gpt2Config.preset(preset);
            try (CausalLm lm = CausalLm.random(config, TinyGpt2.tokenizerJson(), Device.cpu(), 1)) {
                long params = lm.model().hfParameters().values().stream().mapToLong(p -> p.getArray().size()).sum();
                int presetSteps = preset.equals("tiny") ? steps * 5 : steps;
                List<CausalLmTrainer.Example> examples = examples(config.vocabSize(), seqLen, batch * (presetSteps + 1));
                List<CausalLmTrainer.StepStats> stats = new ArrayList<>();
                new CausalLmTrainer().train(lm, examples, new CausalLmTrainer.Settings(1, batch, 1, 1e-4f, 0.01f, 0,
                        seqLen, 1, 1f), 0, new CausalLmTrainer.Listener() {
                            @Override
                            public void onStep(CausalLmTrainer.StepStats s) {
                                stats.add(s);
                            }

                            @Override
                            public void onEpoch(int epoch, int step) {
                            }

                            @Override
                            public boolean cancelled() {
                                return false;
                            }
                        });
                // the first step pays for initialisation and allocator warm-up
                List<CausalLmTrainer.StepStats> measured = stats.subList(1, stats.size());
                double millis = measured.stream().mapToDouble(CausalLmTrainer.StepStats::stepMillis).sum();
                double tokens = measured.stream().mapToDouble(s -> s.tokensPerSecond() * s.stepMillis() / 1000).sum();
                if (System.getenv("BENCH_VERBOSE") != null) {
                    measured.forEach(s -> System.out.printf("  step %d: %.1f ms%n", s.step(), s.stepMillis()));
                }
                System.out.printf("%-12s %10d %6d %6d %12.1f %12.1f%n", preset, params, batch, seqLen,
                        tokens / (millis / 1000), millis / measured.size());
            }
        }
    }

    /** Random token sequences of one length; the second half counts towards the loss, like a response. */
    private static List<CausalLmTrainer.Example> examples(int vocab, int length, int count) {
        Random random = new Random(7);
        List<CausalLmTrainer.Example> examples = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            long[] ids = random.longs(length, 1, vocab).toArray();
            boolean[] counted = new boolean[length];
            Arrays.fill(counted, length / 2, length, true);
            examples.add(new CausalLmTrainer.Example(ids, counted));
        }
        return examples;
    }
}
