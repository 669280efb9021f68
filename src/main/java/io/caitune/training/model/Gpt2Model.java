package io.caitune.training.model;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Embedding;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * GPT-2 as a DJL block: token + position embeddings, {@code n_layer} pre-norm transformer blocks with causal
 * self-attention, a final layer norm and an LM head tied to the token embedding.
 * Input: token ids [B, T] (int64); output: logits [B, T, vocab].
 */
public final class Gpt2Model extends AbstractBlock {

    private static final float MASKED = -1e9f;

    private final Gpt2Config config;
    private final Parameter wte;
    private final Parameter wpe;
    private final Parameter lnfWeight;
    private final Parameter lnfBias;
    private final List<Gpt2Layer> layers = new ArrayList<>();

    public Gpt2Model(Gpt2Config config) {
        this.config = config;
        wte = addParameter(Parameter.builder().setName("wte.weight").setType(Parameter.Type.WEIGHT).build());
        wpe = addParameter(Parameter.builder().setName("wpe.weight").setType(Parameter.Type.WEIGHT).build());
        for (int i = 0; i < config.nLayer(); i++) {
            layers.add(addChildBlock("h" + i, new Gpt2Layer(config)));
        }
        lnfWeight = addParameter(Parameter.builder().setName("ln_f.weight").setType(Parameter.Type.GAMMA).build());
        lnfBias = addParameter(Parameter.builder().setName("ln_f.bias").setType(Parameter.Type.BETA).build());
    }

    public Gpt2Config config() {
        return config;
    }

    /** Every parameter under its Hugging Face name (without the {@code transformer.} prefix), in a stable order. */
    public Map<String, Parameter> hfParameters() {
        Map<String, Parameter> all = new LinkedHashMap<>();
        all.put("wte.weight", wte);
        all.put("wpe.weight", wpe);
        for (int i = 0; i < layers.size(); i++) {
            String prefix = "h." + i + ".";
            layers.get(i).named().forEach((name, parameter) -> all.put(prefix + name, parameter));
        }
        all.put("ln_f.weight", lnfWeight);
        all.put("ln_f.bias", lnfBias);
        return all;
    }

    public Map<String, Shape> hfShapes() {
        Map<String, Shape> all = new LinkedHashMap<>();
        all.put("wte.weight", new Shape(config.vocabSize(), config.nEmbd()));
        all.put("wpe.weight", new Shape(config.nPositions(), config.nEmbd()));
        for (int i = 0; i < layers.size(); i++) {
            String prefix = "h." + i + ".";
            layers.get(i).shapes().forEach((name, shape) -> all.put(prefix + name, shape));
        }
        all.put("ln_f.weight", new Shape(config.nEmbd()));
        all.put("ln_f.bias", new Shape(config.nEmbd()));
        return all;
    }

    /** GPT-2's initialisation: N(0, 0.02) weights and embeddings, zero biases, unit layer-norm gains. */
    public void initializeRandom(NDManager manager) {
        Map<String, Parameter> parameters = hfParameters();
        hfShapes().forEach((name, shape) -> {
            Parameter parameter = parameters.get(name);
            NDArray array = switch (parameter.getType()) {
                case GAMMA -> manager.ones(shape);
                case BETA, BIAS -> manager.zeros(shape);
                default -> manager.randomNormal(0f, 0.02f, shape, DataType.FLOAT32);
            };
            parameter.setArray(array);
        });
    }

    /** Takes the tensors of a checkpoint; every parameter must be present with its expected shape. */
    public void load(Map<String, NDArray> tensors) {
        Map<String, Parameter> parameters = hfParameters();
        hfShapes().forEach((name, shape) -> {
            NDArray array = tensors.get(name);
            if (array == null) {
                throw new IllegalArgumentException("Checkpoint lacks tensor '" + name + "'");
            }
            if (!array.getShape().equals(shape)) {
                throw new IllegalArgumentException("Tensor '" + name + "' has shape " + array.getShape()
                        + ", the config needs " + shape);
            }
            parameters.get(name).setArray(array.getDataType() == DataType.FLOAT32 ? array
                    : array.toType(DataType.FLOAT32, false));
        });
    }

    /** Logits [B, T, vocab] for token ids [B, T], computed in the ids' manager. */
    public NDArray logits(NDArray ids, boolean training) {
        return forward(new ParameterStore(ids.getManager(), false), new NDList(ids), training).head();
    }

    /**
     * One generation step with a KV cache: token ids [B, t] at positions {@code offset ..}, after the keys and values
     * of the earlier positions ({@code past}: K and V of every layer, [B, heads, offset, hs] each; empty at the start).
     * Returns the next-token logits of the last position [B, vocab], then the keys and values of all positions for
     * the next step. Inference only (no dropout, no gradients).
     */
    public NDList forwardCached(NDArray ids, NDList past, int offset) {
        ParameterStore ps = new ParameterStore(ids.getManager(), false);
        NDManager manager = ids.getManager();
        Device device = ids.getDevice();
        int t = (int) ids.getShape().get(1);
        if (offset + t > config.nPositions()) {
            throw new IllegalArgumentException("Sequence of " + (offset + t) + " tokens exceeds n_positions "
                    + config.nPositions());
        }
        NDArray tokenTable = ps.getValue(wte, device, false);
        NDArray positions = manager.arange(offset, offset + t, 1, DataType.INT64);
        NDArray h = Embedding.embedding(ids, tokenTable, SparseFormat.DENSE).head()
                .add(Embedding.embedding(positions, ps.getValue(wpe, device, false), SparseFormat.DENSE).head());
        NDArray mask = t > 1 ? causalMask(manager, t, offset) : null;
        NDList presents = new NDList();
        for (int i = 0; i < layers.size(); i++) {
            NDList out = layers.get(i).attend(ps, h, mask, past.isEmpty() ? null : past.get(2 * i),
                    past.isEmpty() ? null : past.get(2 * i + 1), false);
            h = out.get(0);
            presents.add(out.get(1));
            presents.add(out.get(2));
        }
        // only the last position predicts the next token: [B, d] x wte^T
        NDArray last = h.get(new NDIndex(":, -1, :"));
        last = LayerNorm.layerNorm(last, new Shape(config.nEmbd()), ps.getValue(lnfWeight, device, false),
                ps.getValue(lnfBias, device, false), config.layerNormEpsilon().floatValue()).head();
        NDList result = new NDList(Linear.linear(last, tokenTable).head());
        result.addAll(presents);
        return result;
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> p) {
        NDArray ids = inputs.singletonOrThrow();
        NDManager manager = ids.getManager();
        Device device = ids.getDevice();
        int t = (int) ids.getShape().get(1);
        if (t > config.nPositions()) {
            throw new IllegalArgumentException("Sequence of " + t + " tokens exceeds n_positions " + config.nPositions());
        }
        NDArray tokenTable = ps.getValue(wte, device, training);
        NDArray positions = manager.arange(0, t, 1, DataType.INT64);
        // [B, T, d] + [T, d] (broadcast over the batch)
        NDArray h = Gpt2Layer.dropout(Embedding.embedding(ids, tokenTable, SparseFormat.DENSE).head()
                .add(Embedding.embedding(positions, ps.getValue(wpe, device, training), SparseFormat.DENSE).head()),
                config.embdPdrop(), training);
        NDArray mask = causalMask(manager, t, 0);
        for (Gpt2Layer layer : layers) {
            h = layer.forward(ps, new NDList(h, mask), training).head();
        }
        h = LayerNorm.layerNorm(h, new Shape(config.nEmbd()), ps.getValue(lnfWeight, device, training),
                ps.getValue(lnfBias, device, training), config.layerNormEpsilon().floatValue()).head();
        // tied head: h [B, T, d] x wte^T [d, vocab]
        return new NDList(Linear.linear(h, tokenTable).head());
    }

    /** DJL initialises a block before its first training pass; arrays already set (loaded or random) are kept. */
    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        long t = inputShapes[0].get(1);
        Shape hidden = new Shape(inputShapes[0].get(0), t, config.nEmbd());
        for (Gpt2Layer layer : layers) {
            layer.initialize(manager, dataType, hidden, new Shape(t, t));
        }
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), inputShapes[0].get(1), config.vocabSize())};
    }

    /** [t, offset + t]: new position i sees keys 0 .. offset + i (0), not the ones after (a large negative number). */
    private static NDArray causalMask(NDManager manager, int t, int offset) {
        int keys = offset + t;
        float[] mask = new float[t * keys];
        for (int row = 0; row < t; row++) {
            Arrays.fill(mask, row * keys + offset + row + 1, row * keys + keys, MASKED);
        }
        return manager.create(mask, new Shape(t, keys));
    }
}
