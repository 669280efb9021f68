package io.caitune.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.ParameterTracker;
import io.caitune.training.model.CausalLm;
import io.caitune.training.model.Scalars;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Fine-tunes a causal LM on (prompt, response) examples: right-padded batches, cross-entropy on response tokens only,
 * AdamW with linear warm-up and decay, gradients summed over {@code gradientAccumulationSteps} micro-batches before
 * each optimizer step. Plain Java on purpose: the service, the tests and the benchmark all drive it directly.
 */
public final class CausalLmTrainer {

    /** Token ids of prompt + response + EOS, and which of them the loss counts (the response and EOS). */
    public record Example(long[] ids, boolean[] counted) {

        public int countedTokens() {
            int n = 0;
            for (int i = 1; i < counted.length; i++) { // position 0 is never predicted
                n += counted[i] ? 1 : 0;
            }
            return n;
        }
    }

    public record Settings(int epochs, int batchSize, int gradientAccumulationSteps, float learningRate,
            float weightDecay, int warmupSteps, int maxLength, long seed, float maxGradNorm) {
    }

    /** Progress after one optimizer step. */
    public record StepStats(int epoch, int step, int totalSteps, double loss, double tokensPerSecond,
            double stepMillis) {
    }

    public interface Listener {

        void onStep(StepStats stats);

        /** Called after each finished epoch (1-based) and optimizer step count: the place to checkpoint. */
        void onEpoch(int epoch, int step) throws IOException;

        boolean cancelled();
    }

    public record Result(int steps, List<Double> losses, boolean cancelled) {
    }

    /** Tokenizes pairs as prompt + " " + target + EOS, cut to {@code maxLength} keeping at least half for the target. */
    public static List<Example> examples(CausalLm lm, List<TrainingPair> pairs, int maxLength) {
        Integer eos = lm.config().eosTokenId();
        List<Example> examples = new ArrayList<>();
        for (TrainingPair pair : pairs) {
            long[] prompt = lm.encode(pair.prompt());
            long[] target = lm.encode(" " + pair.target());
            if (eos != null) {
                target = Arrays.copyOf(target, target.length + 1);
                target[target.length - 1] = eos;
            }
            int keepTarget = Math.min(target.length, Math.max(maxLength - prompt.length, maxLength / 2));
            int keepPrompt = Math.min(prompt.length, maxLength - keepTarget);
            if (keepTarget == 0 || keepPrompt + keepTarget < 2) {
                continue;
            }
            long[] ids = new long[keepPrompt + keepTarget];
            boolean[] counted = new boolean[ids.length];
            System.arraycopy(prompt, prompt.length - keepPrompt, ids, 0, keepPrompt);
            System.arraycopy(target, 0, ids, keepPrompt, keepTarget);
            Arrays.fill(counted, keepPrompt, ids.length, true);
            examples.add(new Example(ids, counted));
        }
        return examples;
    }

    public static int stepsPerEpoch(int examples, Settings settings) {
        int batches = (examples + settings.batchSize() - 1) / settings.batchSize();
        return (batches + settings.gradientAccumulationSteps() - 1) / settings.gradientAccumulationSteps();
    }

    /**
     * Trains from epoch {@code startEpoch} (0-based; a resumed job passes the epochs it already finished).
     * Optimizer moments start fresh on resume; the learning-rate schedule continues from the global step.
     */
    public Result train(CausalLm lm, List<Example> examples, Settings settings, int startEpoch, Listener listener)
            throws IOException {
        int perEpoch = stepsPerEpoch(examples.size(), settings);
        int totalSteps = perEpoch * settings.epochs();
        AtomicInteger step = new AtomicInteger(startEpoch * perEpoch);
        ParameterTracker schedule = (parameterId, numUpdate) -> learningRate(settings, step.get(), totalSteps);
        // transformers' Trainer: weight decay on weights and embeddings, none on biases and LayerNorm gains
        Optimizer decayed = Optimizer.adamW().optLearningRateTracker(schedule)
                .optWeightDecays(settings.weightDecay()).build();
        Optimizer undecayed = Optimizer.adamW().optLearningRateTracker(schedule).optWeightDecays(0f).build();
        Map<String, Parameter> parameters = lm.model().hfParameters();
        parameters.values().forEach(p -> p.getArray().setRequiresGradient(true));
        // dropout draws from the engine's generator: seeded, a job is bit-for-bit repeatable on one device
        DjlRuntime.engine().setRandomSeed((int) (settings.seed() + startEpoch));
        int pad = padId(lm);

        List<Double> losses = new ArrayList<>();
        for (int epoch = startEpoch; epoch < settings.epochs(); epoch++) {
            List<Integer> order = new ArrayList<>();
            for (int i = 0; i < examples.size(); i++) {
                order.add(i);
            }
            // seeded per epoch so a resumed job sees the same order the interrupted one would have
            Collections.shuffle(order, new Random(settings.seed() + epoch));
            List<List<Example>> batches = new ArrayList<>();
            for (int i = 0; i < order.size(); i += settings.batchSize()) {
                batches.add(order.subList(i, Math.min(order.size(), i + settings.batchSize())).stream()
                        .map(examples::get).toList());
            }
            for (int first = 0; first < batches.size(); first += settings.gradientAccumulationSteps()) {
                if (listener.cancelled()) {
                    return new Result(step.get(), losses, true);
                }
                List<List<Example>> group = batches.subList(first,
                        Math.min(batches.size(), first + settings.gradientAccumulationSteps()));
                long start = System.nanoTime();
                int[] tokens = new int[1];
                double loss = accumulate(lm, group, pad, tokens);
                if (!Double.isFinite(loss)) {
                    // past this point every weight would be NaN: stop with a reason instead of training on
                    throw new IllegalStateException("The loss became " + loss + " at step " + (step.get() + 1)
                            + "; lower learningRate or maxGradNorm");
                }
                clipGradients(parameters.values(), settings.maxGradNorm());
                parameters.forEach((name, parameter) -> {
                    NDArray weight = parameter.getArray();
                    try (NDArray gradient = weight.getGradient()) {
                        (decays(name) ? decayed : undecayed).update(name, weight, gradient);
                        gradient.subi(gradient); // clear for the next accumulation window
                    }
                });
                step.incrementAndGet();
                double seconds = (System.nanoTime() - start) / 1e9;
                losses.add(loss);
                listener.onStep(new StepStats(epoch + 1, step.get(), totalSteps, loss, tokens[0] / seconds,
                        seconds * 1000));
            }
            listener.onEpoch(epoch + 1, step.get());
        }
        return new Result(step.get(), losses, false);
    }

    /** Scales all gradients by one factor so that their global L2 norm is at most {@code maxNorm} (0: no clipping). */
    static void clipGradients(Collection<Parameter> parameters, float maxNorm) {
        if (maxNorm <= 0) {
            return;
        }
        double norm;
        try (NDList squares = new NDList()) {
            for (Parameter parameter : parameters) {
                try (NDArray gradient = parameter.getArray().getGradient(); NDArray squared = gradient.square()) {
                    squares.add(squared.sum());
                }
            }
            // summed on the device: one read back per step, not one per tensor
            try (NDArray stacked = NDArrays.stack(squares); NDArray total = stacked.sum()) {
                norm = Math.sqrt(total.getFloat());
            }
        }
        if (norm > maxNorm) {
            float scale = (float) (maxNorm / (norm + 1e-6));
            NDArray any = parameters.iterator().next().getArray();
            // one engine-allocated scalar for all tensors, freed after the in-place updates (not recorded by autograd)
            try (NDArray factor = any.getManager().full(new Shape(), scale, any.getDataType())) {
                for (Parameter parameter : parameters) {
                    try (NDArray gradient = parameter.getArray().getGradient()) {
                        gradient.muli(factor);
                    }
                }
            }
        }
    }

    /** Forward and backward over every micro-batch of one optimizer step; returns the mean loss per counted token. */
    private static double accumulate(CausalLm lm, List<List<Example>> group, int pad, int[] tokens) {
        int counted = group.stream().flatMap(List::stream).mapToInt(Example::countedTokens).sum();
        double loss = 0;
        try (GradientCollector collector = DjlRuntime.engine().newGradientCollector()) {
            for (List<Example> batch : group) {
                try (NDManager scope = lm.manager().newSubManager()) {
                    tokens[0] += Batch.of(batch, pad).realTokens();
                    NDArray batchLoss = forward(lm, scope, batch, pad, counted);
                    collector.backward(batchLoss);
                    loss += batchLoss.getFloat();
                }
            }
        }
        return loss;
    }

    /**
     * The training forward pass of one micro-batch: its summed loss over counted tokens divided by {@code counted}
     * (the whole window's count, so summed gradients equal one large batch's). Every array lands in {@code scope},
     * which must stay open until backward has run.
     */
    static NDArray forward(CausalLm lm, NDManager scope, List<Example> batch, int pad, int counted) {
        Batch b = Batch.of(batch, pad);
        NDArray input = scope.create(b.input(), new Shape(b.rows(), b.length()));
        NDArray labels = scope.create(b.labels(), new Shape(b.rows(), b.length(), 1));
        NDArray weights = scope.create(b.weights(), new Shape(b.rows(), b.length()));
        // logits [B, T, V] -> log p(label) [B, T]; prompt and padding positions weigh 0
        NDArray logits = lm.model().logits(input, true);
        NDArray nll = logits.logSoftmax(-1).gather(labels, -1).squeeze(-1).neg();
        return Scalars.div(nll.mul(weights).sum(), (float) Math.max(counted, 1));
    }

    static int padId(CausalLm lm) {
        return lm.config().padTokenId() != null ? lm.config().padTokenId()
                : lm.config().eosTokenId() != null ? lm.config().eosTokenId() : 0;
    }

    /**
     * Whether a parameter (Hugging Face name) gets weight decay: as transformers' Trainer groups them, every
     * parameter except biases and LayerNorm weights ({@code ln_1}, {@code ln_2}, {@code ln_f}).
     */
    static boolean decays(String name) {
        return !name.endsWith(".bias") && !name.startsWith("ln_") && !name.contains(".ln_");
    }

    /**
     * transformers' linear schedule: warm-up from 0 at step 0 to the peak at {@code warmupSteps}, then linear decay
     * to zero at the last step. {@code step} is the number of optimizer steps already taken.
     */
    static float learningRate(Settings settings, int step, int totalSteps) {
        float peak = settings.learningRate();
        if (step < settings.warmupSteps()) {
            return peak * step / settings.warmupSteps();
        }
        int decaySteps = Math.max(1, totalSteps - settings.warmupSteps());
        return Math.max(0f, peak * (totalSteps - step) / decaySteps);
    }

    /** A right-padded batch, already shifted: input position t predicts label t (token t + 1). */
    private record Batch(int rows, int length, long[] input, long[] labels, float[] weights, int realTokens) {

        static Batch of(List<Example> examples, int pad) {
            int length = examples.stream().mapToInt(e -> e.ids().length).max().orElse(1) - 1;
            int rows = examples.size();
            long[] input = new long[rows * length];
            long[] labels = new long[rows * length];
            float[] weights = new float[rows * length];
            Arrays.fill(input, pad);
            Arrays.fill(labels, pad);
            int real = 0;
            for (int r = 0; r < rows; r++) {
                Example e = examples.get(r);
                for (int t = 0; t < e.ids().length - 1; t++) {
                    input[r * length + t] = e.ids()[t];
                    labels[r * length + t] = e.ids()[t + 1];
                    weights[r * length + t] = e.counted()[t + 1] ? 1f : 0f;
                    real++;
                }
            }
            return new Batch(rows, length, input, labels, weights, real);
        }
    }
}
