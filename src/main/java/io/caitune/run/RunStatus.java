package io.caitune.run;

public enum RunStatus {
    /**
     * QUEUED → RUNNING (⇄ PAUSED) → COMPLETED (every sample completed) | COMPLETED_WITH_FAILURES (all finished, some
     * failed: see the samples' errors, {@code retry-failed} queues them again) | FAILED (every sample failed) |
     * CANCELLED.
     */
    QUEUED, RUNNING, PAUSED, COMPLETED, COMPLETED_WITH_FAILURES, FAILED, CANCELLED;

    public boolean isFinal() {
        return this == COMPLETED || this == COMPLETED_WITH_FAILURES || this == FAILED || this == CANCELLED;
    }
}
