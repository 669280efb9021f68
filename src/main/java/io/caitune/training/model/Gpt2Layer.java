package io.caitune.training.model;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One pre-norm GPT-2 transformer block: {@code x + attn(ln_1(x))}, then {@code x + mlp(ln_2(x))}.
 * The projections keep Hugging Face's Conv1D layout, weight [in, out], so checkpoints map one to one.
 */
final class Gpt2Layer extends AbstractBlock {

    private static final float SQRT_2_OVER_PI = (float) Math.sqrt(2 / Math.PI);

    private final Gpt2Config config;
    private final Map<String, Parameter> named = new LinkedHashMap<>();
    private final Map<String, Shape> shapes = new LinkedHashMap<>();

    private final Parameter ln1Weight;
    private final Parameter ln1Bias;
    private final Parameter attnWeight;
    private final Parameter attnBias;
    private final Parameter attnProjWeight;
    private final Parameter attnProjBias;
    private final Parameter ln2Weight;
    private final Parameter ln2Bias;
    private final Parameter fcWeight;
    private final Parameter fcBias;
    private final Parameter mlpProjWeight;
    private final Parameter mlpProjBias;

    Gpt2Layer(Gpt2Config config) {
        this.config = config;
        long d = config.nEmbd();
        ln1Weight = parameter("ln_1.weight", Parameter.Type.GAMMA, new Shape(d));
        ln1Bias = parameter("ln_1.bias", Parameter.Type.BETA, new Shape(d));
        attnWeight = parameter("attn.c_attn.weight", Parameter.Type.WEIGHT, new Shape(d, 3 * d));
        attnBias = parameter("attn.c_attn.bias", Parameter.Type.BIAS, new Shape(3 * d));
        attnProjWeight = parameter("attn.c_proj.weight", Parameter.Type.WEIGHT, new Shape(d, d));
        attnProjBias = parameter("attn.c_proj.bias", Parameter.Type.BIAS, new Shape(d));
        ln2Weight = parameter("ln_2.weight", Parameter.Type.GAMMA, new Shape(d));
        ln2Bias = parameter("ln_2.bias", Parameter.Type.BETA, new Shape(d));
        fcWeight = parameter("mlp.c_fc.weight", Parameter.Type.WEIGHT, new Shape(d, 4 * d));
        fcBias = parameter("mlp.c_fc.bias", Parameter.Type.BIAS, new Shape(4 * d));
        mlpProjWeight = parameter("mlp.c_proj.weight", Parameter.Type.WEIGHT, new Shape(4 * d, d));
        mlpProjBias = parameter("mlp.c_proj.bias", Parameter.Type.BIAS, new Shape(d));
    }

    Map<String, Parameter> named() {
        return named;
    }

    Map<String, Shape> shapes() {
        return shapes;
    }

    /** inputs: hidden states [B, T, d] and the additive causal mask [T, T]; output: hidden states [B, T, d]. */
    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> p) {
        return new NDList(attend(ps, inputs.get(0), inputs.get(1), null, null, training).get(0));
    }

    /**
     * The block over new positions {@code x} [B, t, d], after {@code pastK}/{@code pastV} [B, heads, P, hs] of
     * earlier positions (null: none). {@code mask} is the additive mask [t, P + t], or null when every new position
     * may see all keys (one new token). Returns the hidden states [B, t, d] and the keys and values of all P + t
     * positions, which the next generation step passes back as its past (the KV cache).
     */
    NDList attend(ParameterStore ps, NDArray x, NDArray mask, NDArray pastK, NDArray pastV, boolean training) {
        Device device = x.getDevice();
        long b = x.getShape().get(0);
        long t = x.getShape().get(1);
        int d = config.nEmbd();
        int heads = config.nHead();
        int hs = config.headSize();
        float eps = config.layerNormEpsilon().floatValue();

        // activations stay the left operand so every intermediate lands in the caller's (per step) manager
        NDArray a = LayerNorm.layerNorm(x, new Shape(d), v(ps, ln1Weight, device, training),
                v(ps, ln1Bias, device, training), eps).head();
        NDArray qkv = a.matMul(v(ps, attnWeight, device, training)).add(v(ps, attnBias, device, training));
        NDList split = qkv.split(3, 2);
        // [B, t, d] -> [B, heads, t, hs]
        NDArray q = split.get(0).reshape(b, t, heads, hs).transpose(0, 2, 1, 3);
        NDArray k = split.get(1).reshape(b, t, heads, hs).transpose(0, 2, 1, 3);
        NDArray val = split.get(2).reshape(b, t, heads, hs).transpose(0, 2, 1, 3);
        if (pastK != null) {
            k = pastK.concat(k, 2);
            val = pastV.concat(val, 2);
        }
        // scores [B, heads, t, P + t]; the mask puts -1e9 where a key lies in a position's future
        NDArray scores = Scalars.mul(q.matMul(k.transpose(0, 1, 3, 2)), 1f / (float) Math.sqrt(hs));
        if (mask != null) {
            scores = scores.add(mask);
        }
        NDArray weights = dropout(scores.softmax(-1), config.attnPdrop(), training);
        NDArray context = weights.matMul(val).transpose(0, 2, 1, 3).reshape(b, t, d);
        x = x.add(dropout(context.matMul(v(ps, attnProjWeight, device, training))
                .add(v(ps, attnProjBias, device, training)), config.residPdrop(), training));

        NDArray m = LayerNorm.layerNorm(x, new Shape(d), v(ps, ln2Weight, device, training),
                v(ps, ln2Bias, device, training), eps).head();
        m = geluNew(m.matMul(v(ps, fcWeight, device, training)).add(v(ps, fcBias, device, training)));
        m = m.matMul(v(ps, mlpProjWeight, device, training)).add(v(ps, mlpProjBias, device, training));
        return new NDList(x.add(dropout(m, config.residPdrop(), training)), k, val);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }

    /** GPT-2's tanh approximation of GELU ("gelu_new"); constants as engine-allocated scalars ({@link Scalars}). */
    static NDArray geluNew(NDArray x) {
        NDArray cube = x.mul(x).mul(x);
        NDArray inner = Scalars.mul(Scalars.mul(cube, 0.044715f).add(x), SQRT_2_OVER_PI);
        return Scalars.mul(Scalars.add(inner.tanh(), 1f).mul(x), 0.5f);
    }

    /** GPT-2's dropout: active only while training (generation and evaluation see every unit). */
    static NDArray dropout(NDArray x, double rate, boolean training) {
        return training && rate > 0 ? Dropout.dropout(x, (float) rate, true).head() : x;
    }

    private static NDArray v(ParameterStore ps, Parameter parameter, Device device, boolean training) {
        return ps.getValue(parameter, device, training);
    }

    private Parameter parameter(String name, Parameter.Type type, Shape shape) {
        // no shape on the parameter itself: arrays are set from a checkpoint or a seeded initialiser (Gpt2Model)
        Parameter parameter = addParameter(Parameter.builder().setName(name).setType(type).build());
        named.put(name, parameter);
        shapes.put(name, shape);
        return parameter;
    }
}
