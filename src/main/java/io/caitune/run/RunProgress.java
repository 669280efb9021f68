package io.caitune.run;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/** One progress event of a run: counts, samples per second since it started, and the estimated time left. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RunProgress(UUID id, RunStatus status, int total, int completed, int failed, int pending,
        Double samplesPerSecond, Long etaSeconds, Instant at) {

    static RunProgress of(Run run, Instant now) {
        int finished = run.completed + run.failed;
        int pending = run.total - finished;
        Double rate = null;
        Long eta = null;
        if (run.startedAt != null && finished > 0) {
            Instant end = run.finishedAt != null ? run.finishedAt : now;
            double seconds = Math.max(Duration.between(run.startedAt, end).toMillis(), 1) / 1000.0;
            rate = finished / seconds;
            eta = run.status.isFinal() ? 0L : Math.round(pending / rate);
        }
        return new RunProgress(run.id, run.status, run.total, run.completed, run.failed, pending, rate, eta, now);
    }
}
