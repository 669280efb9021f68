package io.caitune.evaluation;

import io.caitune.preference.Outcome;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;

import java.util.UUID;

/**
 * One sample's revision against its initial answer (or one dataset pair's chosen answer against its rejected one)
 * under one principle, asked in both orders: the initial or rejected answer is (A) in the original order. Unique per
 * (evaluation, sample or pair, principle). Created PENDING, judged once.
 */
@Entity
public class EvaluationJudgement extends PanacheEntityBase {

    @Id
    public UUID id;
    public UUID evaluationId;
    public UUID sampleId;
    public UUID datasetPromptId;
    public int principleIndex;
    public String principle;

    @Enumerated(EnumType.STRING)
    public Outcome outcome;

    /** Set when both orders agreed: the revision (or the chosen answer) won. */
    public Boolean revisionWins;
    /** Soft label: P(revision, or chosen, is better), averaged over both orders, when log-probabilities were returned. */
    public Double revisionProbability;
    public String error;
}
