package io.caitune.evaluation;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;

import java.time.Instant;
import java.util.UUID;

/**
 * The feedback model judging, on a seeded draw of prompts, an SFT run's revisions against their initial answers
 * ({@code runId}) or an imported preference dataset's chosen answers against its rejected ones ({@code datasetId},
 * under the principles of {@code constitutionId}); exactly one of the two subjects is set.
 */
@Entity
public class Evaluation extends PanacheEntityBase {

    public enum Status {
        RUNNING, COMPLETED, FAILED
    }

    @Id
    public UUID id;
    public UUID runId;
    public UUID datasetId;
    /** A dataset evaluation's constitution (a run evaluation uses its run's). */
    public UUID constitutionId;
    /** A dataset evaluation's feedback model; null for the configured one (a run evaluation uses its run's). */
    public String model;

    @Enumerated(EnumType.STRING)
    public Status status;

    /** Prompts asked for (the run may have fewer completed samples). */
    public int requested;
    public long seed;
    public boolean chainOfThought;
    public String error;
    public Instant createdAt;
    public String createdBy;
    public Instant finishedAt;
}
