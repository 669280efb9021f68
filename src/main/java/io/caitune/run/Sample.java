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

    /** Human review: null until someone decided. */
    @Enumerated(EnumType.STRING)
    public ReviewState reviewState;
    /** A reviewer's edit of the final revision; exports and training use it instead. */
    public String reviewedRevision;
    public String reviewedBy;
    public Instant reviewedAt;

    /** The text exports and training take as the answer: the reviewer's edit, else the model's final revision. */
    public String revisionForExport() {
        return reviewedRevision != null ? reviewedRevision : finalRevision;
    }
}
