package io.caitune.review;

import io.caitune.run.ReviewState;
import io.caitune.run.RunLookup;
import io.caitune.run.RunViews;
import io.caitune.run.Sample;
import io.caitune.run.SampleStatus;
import io.caitune.run.SampleView;
import io.caitune.web.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.UUID;

/** Stores a person's decision on a sample's final revision; the last decision counts. */
@ApplicationScoped
public class ReviewService {

    private final RunViews runs;
    private final RunLookup lookup;

    public ReviewService(RunViews runs, RunLookup lookup) {
        this.runs = runs;
        this.lookup = lookup;
    }

    @Transactional
    public SampleView review(UUID runId, UUID sampleId, ReviewRequest request, String reviewer) {
        String edit = request.revision();
        if (edit != null && request.decision() == ReviewState.REJECTED) {
            throw ProblemException.badRequest("A rejected sample cannot carry an edited 'revision': accept it with "
                    + "the edit, or reject it without one");
        }
        if (edit != null && edit.isBlank()) {
            throw ProblemException.badRequest("The edited 'revision' is blank: leave it out to accept the model's "
                    + "revision as it is");
        }
        Sample sample = reviewable(runId, sampleId);
        sample.reviewState = request.decision();
        sample.reviewedRevision = edit;
        sample.reviewedBy = reviewer;
        sample.reviewedAt = Instant.now();
        return runs.sample(runId, sampleId);
    }

    @Transactional
    public void clear(UUID runId, UUID sampleId) {
        Sample sample = lookup.sample(runId, sampleId);
        sample.reviewState = null;
        sample.reviewedRevision = null;
        sample.reviewedBy = null;
        sample.reviewedAt = null;
    }

    private Sample reviewable(UUID runId, UUID sampleId) {
        Sample sample = lookup.sample(runId, sampleId);
        if (sample.status != SampleStatus.COMPLETED) {
            throw ProblemException.conflict("Sample " + sampleId + " is " + sample.status
                    + ": only completed samples have a final revision to review");
        }
        return sample;
    }
}
