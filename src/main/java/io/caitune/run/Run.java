package io.caitune.run;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;

import java.time.Instant;
import java.util.UUID;

/**
 * One pass of a constitution over a set of prompts. {@code completed} and {@code failed} are counters on this row, not
 * derived from the samples: the pipeline moves them in the same statement as each sample's final write, and a retry
 * of the failed samples takes them back.
 */
@Entity
public class Run extends PanacheEntityBase {

    @Id
    public UUID id;
    public UUID constitutionId;
    public UUID datasetId;

    @Enumerated(EnumType.STRING)
    public RunMode mode;

    @Enumerated(EnumType.STRING)
    public RunStatus status;

    public int revisions;
    public long seed;
    public String modelId;
    public Double temperature;
    public Integer maxNewTokens;
    @jakarta.persistence.Column(name = "top_p")
    public Double topP;
    /** TURNS or INLINE: how the pipeline sends the few-shot examples (its FewShotLayout). */
    public String fewShotLayout = "TURNS";
    /** Skip the revision when the critique finds nothing to fix. */
    public boolean skipUnneededRevisions;
    public int total;
    /** Samples completed so far (see the class comment); {@code failed} likewise. */
    public int completed;
    public int failed;
    public String error;
    public Instant createdAt;
    public String createdBy;
    public String pausedBy;
    public Instant pausedAt;
    public String cancelledBy;
    public Instant cancelledAt;
    public Instant startedAt;
    public Instant finishedAt;
}
