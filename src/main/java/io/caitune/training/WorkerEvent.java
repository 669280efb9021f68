package io.caitune.training;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One line of a worker's progress on its standard output (JSON lines): {@code plan} (total steps), {@code step},
 * {@code checkpoint}, then {@code completed} or {@code failed}. A cancelled or killed worker just ends.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WorkerEvent(String event, Integer epoch, Integer step, Integer totalSteps, Double loss,
        Double tokensPerSecond, Double stepMillis, String path, String error) {

    public static final String PLAN = "plan";
    public static final String STEP = "step";
    public static final String CHECKPOINT = "checkpoint";
    public static final String COMPLETED = "completed";
    public static final String FAILED = "failed";

    static WorkerEvent plan(int totalSteps) {
        return new WorkerEvent(PLAN, null, null, totalSteps, null, null, null, null, null);
    }

    static WorkerEvent step(CausalLmTrainer.StepStats s) {
        return new WorkerEvent(STEP, s.epoch(), s.step(), s.totalSteps(), s.loss(), s.tokensPerSecond(),
                s.stepMillis(), null, null);
    }

    static WorkerEvent checkpoint(int epoch, int step, String path) {
        return new WorkerEvent(CHECKPOINT, epoch, step, null, null, null, null, path, null);
    }

    static WorkerEvent completed(String path) {
        return new WorkerEvent(COMPLETED, null, null, null, null, null, null, path, null);
    }

    static WorkerEvent failed(String error) {
        return new WorkerEvent(FAILED, null, null, null, null, null, null, null, error);
    }

    CausalLmTrainer.StepStats stats() {
        return new CausalLmTrainer.StepStats(epoch, step, totalSteps, loss, tokensPerSecond, stepMillis);
    }
}
