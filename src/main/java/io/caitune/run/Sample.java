package io.caitune.run;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;

import java.time.Instant;
import java.util.UUID;

/** One prompt of a run and everything the pipeline produced for it. */
@Entity
public class Sample extends PanacheEntityBase {

    @Id
    public UUID id;
    public UUID runId;
    public int position;
    public String promptId;
    public String prompt;
    public String target;
    public String metadata;

    @Enumerated(EnumType.STRING)
    public SampleStatus status;

    public String initialAnswer;
    public Long answerLatencyMs;
    public String finalRevision;
    public String error;
    public Instant updatedAt;
    /** The process holding the sample while it is RUNNING, and until when its claim holds. */
    public String claimedBy;
    public Instant leaseUntil;
}
