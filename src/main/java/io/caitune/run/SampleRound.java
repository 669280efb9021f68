package io.caitune.run;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;

import java.util.UUID;

/** One critique/revision round of a sample; unique per (sample, round). */
@Entity
public class SampleRound extends PanacheEntityBase {

    @Id
    public UUID id;
    public UUID sampleId;
    public int round;
    public int principleIndex;
    public String principleName;
    public String critiqueRequest;
    public String critique;
    public Long critiqueLatencyMs;
    public String revisionRequest;
    public String revision;
    public Long revisionLatencyMs;
    /** The critique found nothing to fix: no revision was asked for and the critiqued answer stands. */
    public boolean revisionSkipped;
}
