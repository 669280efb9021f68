package io.caitune.run;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonRawValue;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

@JsonInclude(JsonInclude.Include.NON_NULL)
public record SampleView(UUID id, int index, String promptId, String prompt, @JsonRawValue String metadata,
        SampleStatus status, String initialAnswer, Long answerLatencyMs, List<RoundView> rounds,
        String finalRevision, String error, Review review) {

    /** A person's decision: {@code revision} is their edit of the final revision, when they made one. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Review(ReviewState state, String revision, String reviewer, Instant reviewedAt) {

        static Review of(Sample s) {
            return s.reviewState == null ? null
                    : new Review(s.reviewState, s.reviewedRevision, s.reviewedBy, s.reviewedAt);
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record RoundView(int round, int principleIndex, String principle, String critiqueRequest, String critique,
            Long critiqueLatencyMs, String revisionRequest, String revision, Long revisionLatencyMs,
            Boolean revisionSkipped) {

        static RoundView of(SampleRound r) {
            // revisionSkipped only appears when true: the critique found nothing to fix and the answer stands
            return new RoundView(r.round, r.principleIndex, r.principleName, r.critiqueRequest, r.critique,
                    r.critiqueLatencyMs, r.revisionRequest, r.revision, r.revisionLatencyMs,
                    r.revisionSkipped ? Boolean.TRUE : null);
        }
    }

    public static SampleView of(Sample s, List<SampleRound> rounds) {
        return new SampleView(s.id, s.position, s.promptId, s.prompt, s.metadata, s.status, s.initialAnswer,
                s.answerLatencyMs, rounds.stream().map(RoundView::of).toList(), s.finalRevision, s.error, Review.of(s));
    }
}
