package io.caitune.training.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * Scalar operands for arithmetic that autograd records. DJL 0.36's {@code NDArray.mul/div/add/sub/pow(Number)} build
 * the scalar on a Java direct buffer and close it at once, while PyTorch's autograd keeps a pointer to it for the
 * backward pass: a GC between forward and backward then frees memory backward still reads (gradients like 951.7
 * instead of 2, NaN losses). A scalar from {@code full} is allocated by PyTorch itself and lives in the operand's
 * manager (the step's scope) until after backward, so nothing the GC does can reach it. Every arithmetic with a
 * constant in the model and the trainer goes through here.
 */
public final class Scalars {

    private Scalars() {
    }

    /** A 0-d tensor holding {@code value}, of {@code like}'s type and device, owned by {@code like}'s manager. */
    public static NDArray of(NDArray like, float value) {
        return like.getManager().full(new Shape(), value, like.getDataType()).toDevice(like.getDevice(), false);
    }

    public static NDArray mul(NDArray x, float value) {
        return x.mul(of(x, value));
    }

    public static NDArray div(NDArray x, float value) {
        return x.div(of(x, value));
    }

    public static NDArray add(NDArray x, float value) {
        return x.add(of(x, value));
    }
}
