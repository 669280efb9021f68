package io.caitune.training.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.caitune.training.generate.NextTokenScorer;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Next-token log-probabilities with a key/value cache, for one generation: when every row asked for is a row of
 * the previous call plus one token (greedy decoding, beam search, whichever beams survived), only that token runs
 * through the network, attending to the cached keys and values of its parent row; otherwise (the first call) the
 * whole rows run. Works behind the plain {@link NextTokenScorer} interface, so beam search does not know about it.
 * Holds native memory: close it when the generation ends.
 */
public final class CachedScorer implements NextTokenScorer, AutoCloseable {

    private final CausalLm lm;
    private NDManager scope;
    private NDList cache;
    private Map<List<Long>, Integer> previousRows = Map.of();
    private int previousLength = -1;

    CachedScorer(CausalLm lm) {
        this.lm = lm;
    }

    @Override
    public float[][] logProbs(long[][] sequences) {
        int rows = sequences.length;
        int length = sequences[0].length;
        int[] parents = parents(sequences, length);
        NDManager step = lm.manager().newSubManager();
        try {
            NDList output;
            if (parents == null) {
                output = lm.model().forwardCached(ids(step, sequences, 0), new NDList(), 0);
            } else {
                output = lm.model().forwardCached(ids(step, sequences, length - 1), reorder(parents),
                        length - 1);
            }
            float[] flat = output.get(0).logSoftmax(-1).toFloatArray();
            NDList next = new NDList(output.subNDList(1));
            next.forEach(array -> array.attach(step)); // the new cache outlives this step's scratch
            close();
            scope = step;
            cache = next;
            remember(sequences, length);
            int vocab = flat.length / rows;
            float[][] out = new float[rows][];
            for (int r = 0; r < rows; r++) {
                out[r] = Arrays.copyOfRange(flat, r * vocab, (r + 1) * vocab);
            }
            return out;
        } catch (RuntimeException e) {
            step.close();
            throw e;
        }
    }

    /** For each row, the previous row it extends by one token; null when some row extends none (recompute all). */
    private int[] parents(long[][] sequences, int length) {
        if (cache == null || length != previousLength + 1) {
            return null;
        }
        int[] parents = new int[sequences.length];
        for (int r = 0; r < sequences.length; r++) {
            Integer parent = previousRows.get(key(sequences[r], length - 1));
            if (parent == null) {
                return null;
            }
            parents[r] = parent;
        }
        return parents;
    }

    /** The cached K and V of every layer, rows picked (and repeated) in the order of {@code parents}. */
    private NDList reorder(int[] parents) {
        boolean same = parents.length == cache.get(0).getShape().get(0);
        for (int r = 0; same && r < parents.length; r++) {
            same = parents[r] == r;
        }
        if (same) {
            return cache;
        }
        NDList picked = new NDList();
        for (NDArray array : cache) {
            NDList rows = new NDList();
            for (int parent : parents) {
                rows.add(array.get(parent));
            }
            picked.add(NDArrays.stack(rows));
        }
        return picked;
    }

    private void remember(long[][] sequences, int length) {
        Map<List<Long>, Integer> rows = new HashMap<>();
        for (int r = 0; r < sequences.length; r++) {
            rows.putIfAbsent(key(sequences[r], length), r);
        }
        previousRows = rows;
        previousLength = length;
    }

    private static List<Long> key(long[] tokens, int length) {
        return Arrays.stream(tokens, 0, length).boxed().toList();
    }

    private static NDArray ids(NDManager manager, long[][] sequences, int from) {
        int rows = sequences.length;
        int width = sequences[0].length - from;
        long[] flat = new long[rows * width];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(sequences[r], from, flat, r * width, width);
        }
        return manager.create(flat, new Shape(rows, width));
    }

    @Override
    public void close() {
        if (scope != null) {
            scope.close();
            scope = null;
            cache = null;
        }
    }
}
