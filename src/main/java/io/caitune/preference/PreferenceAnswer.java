package io.caitune.preference;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;

import java.util.UUID;

/** One of the K answers sampled for a preference sample; unique per (sample, answer index). */
@Entity
public class PreferenceAnswer extends PanacheEntityBase {

    @Id
    public UUID id;
    public UUID sampleId;
    public int answerIndex;
    public String answer;
    public Long latencyMs;
}
