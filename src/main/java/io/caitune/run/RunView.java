package io.caitune.run;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.UUID;

@JsonInclude(JsonInclude.Include.NON_NULL)
public record RunView(UUID id, RunStatus status, RunMode mode, UUID constitutionId, UUID datasetId, int revisions,
        long seed, Model model, long total, long completed, long failed, long pending, Instant createdAt,
        Instant startedAt, Instant finishedAt, String error, String createdBy, String pausedBy, Instant pausedAt,
        String cancelledBy, Instant cancelledAt) {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Model(String id, Double temperature, Integer maxNewTokens, Double topP) {
    }

    public static RunView of(Run run) {
        return new RunView(run.id, run.status, run.mode, run.constitutionId, run.datasetId, run.revisions, run.seed,
                new Model(run.modelId, run.temperature, run.maxNewTokens, run.topP), run.total, run.completed,
                run.failed, run.total - run.completed - run.failed, run.createdAt, run.startedAt,
                run.finishedAt, run.error, run.createdBy, run.pausedBy, run.pausedAt, run.cancelledBy,
                run.cancelledAt);
    }
}
