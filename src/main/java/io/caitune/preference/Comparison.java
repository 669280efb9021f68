package io.caitune.preference;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;

import java.time.Instant;
import java.util.UUID;

/**
 * Two answers of a sample compared under one principle, asked in both orders; unique per (sample, pair). In the
 * original order answer {@code firstAnswer} is (A); {@code winner} is an answer index, set only when both orders
 * agree.
 */
@Entity
public class Comparison extends PanacheEntityBase {

    @Id
    public UUID id;
    public UUID runId;
    public UUID sampleId;
    public int pairIndex;
    public int firstAnswer;
    public int secondAnswer;
    public int principleIndex;
    public String principle;
    public boolean principleDerived;

    @Enumerated(EnumType.STRING)
    public Outcome outcome;

    public Integer winner;
    /** Soft label: P(first answer is better), averaged over both orders; null without log-probabilities. */
    public Double firstProbability;
    public Instant createdAt;
}
