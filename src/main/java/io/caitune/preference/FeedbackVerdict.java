package io.caitune.preference;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;

import java.util.UUID;

/**
 * The feedback model's reply for one order of a pair: of a comparison or of an evaluation judgement. {@code swapped}
 * false means the pair's first answer was shown as (A).
 */
@Entity
public class FeedbackVerdict extends PanacheEntityBase {

    @Id
    public UUID id;
    public UUID comparisonId;
    public UUID judgementId;
    public boolean swapped;
    /** A, B, or NONE when unparseable. */
    public String choice;

    @Enumerated(EnumType.STRING)
    public ParsedChoice.Reason reason;

    @Column(name = "probability_a")
    public Double probabilityA;
    public String reasoning;
    public String response;
    public Long latencyMs;

    /** The verdict of one order of an evaluation judgement. */
    public static FeedbackVerdict forJudgement(Verdict v, boolean swapped, UUID judgementId) {
        FeedbackVerdict f = of(v, swapped);
        f.judgementId = judgementId;
        return f;
    }

    static FeedbackVerdict of(Verdict v, boolean swapped) {
        FeedbackVerdict f = new FeedbackVerdict();
        f.id = UUID.randomUUID();
        f.swapped = swapped;
        f.choice = v.option() == null ? "NONE" : v.option().name();
        f.reason = v.reason();
        f.probabilityA = v.probabilityA();
        f.reasoning = v.reasoning();
        f.response = v.response();
        f.latencyMs = v.latencyMs();
        return f;
    }
}
