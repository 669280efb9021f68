package io.caitune.evaluation;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;

import java.time.Instant;
import java.util.UUID;

/** The feedback model judging an SFT run's revisions against their initial answers, on a sample of its prompts. */
@Entity
public class Evaluation extends PanacheEntityBase {

    public enum Status {
        RUNNING, COMPLETED, FAILED
    }

    @Id
    public UUID id;
    public UUID runId;

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
