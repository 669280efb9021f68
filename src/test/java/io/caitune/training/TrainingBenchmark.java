package io.caitune.training;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.caitune.training.generate.BeamSearch;
import io.caitune.training.generate.GenerationSettings;
import io.caitune.training.generate.NextTokenScorer;
import io.caitune.training.model.CachedScorer;
import io.caitune.training.model.CausalLm;
import io.caitune.training.model.Gpt2Config;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Training and generation throughput for the tiny test model and randomly initialised GPT-2 presets, on the device
 * generation would use (the first GPU, else the CPU). Prints, in one run: the FLOP/s of a large matrix multiply
 * (the device's practical ceiling), the trainer's FLOP/s (about 6 x parameters x tokens/s: forward 2, backward 4)
 * and their ratio; then greedy generation's new tokens/s with and without the KV cache. Not a test; run with
 * {@code bench/train-bench.sh [presets] [seqLen] [batch] [steps] [newTokens]}.
 */
public final class TrainingBenchmark {

    private TrainingBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        List<String> presets = Arrays.asList((args.length > 0 ? args[0] : "tiny,gpt2").split(","));
        int seqLen = args.length > 1 ? Integer.parseInt(args[1]) : 64;
        int batch = args.length > 2 ? Integer.parseInt(args[2]) : 4;
        int steps = args.length > 3 ? Integer.parseInt(args[3]) : 6;
        int newTokens = args.length > 4 ? Integer.parseInt(args[4]) : 200;
        Device device = DjlRuntime.inferenceDevice();
        double gemm = gemmFlops(device, Integer.getInteger("bench.gemm", 2048));
        System.out.printf("device %s; GEMM %d x %d float32: %.2f GFLOP/s%n", device,
                Integer.getInteger("bench.gemm", 2048), Integer.getInteger("bench.gemm", 2048), gemm / 1e9);
        System.out.printf("%-12s %12s %6s %6s %12s %10s %12s %9s%n", "model", "params", "batch", "seq", "tokens/s",
                "step ms", "train GFLOP/s", "of GEMM");
        List<String> generation = new ArrayList<>();
        for (String preset : presets) {
            Gpt2Config config = preset.equals("tiny") ? TinyGpt2.config() : Gpt2Config.preset(preset);
            try (CausalLm lm = CausalLm.random(config, TinyGpt2.tokenizerJson(), device, 1)) {
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
                double tokensPerSecond = tokens / (millis / 1000);
                double trainFlops = 6.0 * params * tokensPerSecond;
                System.out.printf("%-12s %12d %6d %6d %12.1f %10.1f %12.2f %8.1f%%%n", preset, params, batch, seqLen,
                        tokensPerSecond, millis / measured.size(), trainFlops / 1e9, 100 * trainFlops / gemm);
                generation.add(generate(preset, lm, newTokens));
            }
        }
        System.out.printf("%n%-12s %10s %16s %16s %9s%n", "generation", "new tokens", "no cache tok/s",
                "KV cache tok/s", "speed-up");
        generation.forEach(System.out::println);
    }

    /** Greedy decoding of {@code newTokens} tokens (no EOS stop) after an 8-token prompt, without and with cache. */
    private static String generate(String preset, CausalLm lm, int newTokens) {
        long[] prompt = new Random(3).longs(8, 1, lm.config().vocabSize() - 1).toArray();
        int maxLength = Math.min(prompt.length + newTokens, lm.config().nPositions());
        GenerationSettings settings = GenerationSettings.greedy(maxLength, null);
        double plain = tokensPerSecond(lm.scorer(), prompt, settings);
        double cached;
        try (CachedScorer scorer = lm.cachedScorer()) {
            cached = tokensPerSecond(scorer, prompt, settings);
        }
        return String.format("%-12s %10d %16.2f %16.2f %8.1fx", preset, maxLength - prompt.length, plain, cached,
                cached / plain);
    }

    private static double tokensPerSecond(NextTokenScorer scorer, long[] prompt, GenerationSettings settings) {
        long start = System.nanoTime();
        int generated = new BeamSearch(scorer).generate(prompt, settings).get(0).tokens().length;
        return generated / ((System.nanoTime() - start) / 1e9);
    }

    /** FLOP/s of an n x n float32 matrix product on {@code device}: 2n^3 per product, after one warm-up. */
    private static double gemmFlops(Device device, int n) {
        try (NDManager manager = DjlRuntime.engine().newBaseManager(device)) {
            NDArray a = manager.randomNormal(0, 1, new Shape(n, n), DataType.FLOAT32);
            NDArray b = manager.randomNormal(0, 1, new Shape(n, n), DataType.FLOAT32);
            a.matMul(b).sum().getFloat(); // warm-up; reading a value waits for the device
            int reps = 5;
            long start = System.nanoTime();
            for (int i = 0; i < reps; i++) {
                try (NDArray c = a.matMul(b); NDArray sum = c.sum()) {
                    sum.getFloat();
                }
            }
            return 2.0 * n * n * n * reps / ((System.nanoTime() - start) / 1e9);
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
