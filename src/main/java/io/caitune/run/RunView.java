package io.caitune.run;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.UUID;

/**
 * A run as the API shows it. An SFT run shows its rounds ({@code revisions}), few-shot layout and whether unneeded
 * revisions are skipped; a preference run shows its own settings ({@code preference}) instead of rounds it never does.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RunView(UUID id, RunStatus status, RunMode mode, UUID constitutionId, UUID datasetId, Integer revisions,
        Boolean skipUnneededRevisions, String fewShotLayout, Preference preference, long seed, Model model,
        long total, long completed, long failed, long pending, Instant createdAt, Instant startedAt,
        Instant finishedAt, String error, String createdBy, String pausedBy, Instant pausedAt, String cancelledBy,
        Instant cancelledAt) {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Model(String id, Double temperature, Integer maxNewTokens, Double topP) {
    }

    /** K answers per prompt, their sampling temperature, and whether the judge reasons first. */
    public record Preference(int answers, double temperature, boolean chainOfThought) {
    }

    public static RunView of(Run run) {
        return of(run, null);
    }

    public static RunView of(Run run, Preference preference) {
        boolean sft = run.mode != RunMode.PREFERENCE;
        return new RunView(run.id, run.status, run.mode, run.constitutionId, run.datasetId,
                sft ? run.revisions : null, sft ? run.skipUnneededRevisions : null,
                run.fewShotLayout == null ? null : run.fewShotLayout.toLowerCase(java.util.Locale.ROOT),
                preference, run.seed, new Model(run.modelId, run.temperature, run.maxNewTokens, run.topP), run.total,
                run.completed, run.failed, run.total - run.completed - run.failed, run.createdAt, run.startedAt,
                run.finishedAt, run.error, run.createdBy, run.pausedBy, run.pausedAt, run.cancelledBy,
                run.cancelledAt);
    }
}
