package io.caitune.run;

import io.caitune.web.ProblemException;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The samples list's filters, all optional: status, a principle used in any round, the review state and a text to
 * search (case-insensitive) in the prompt, initial answer, final revision and edited revision.
 */
public record SampleFilter(SampleStatus status, String principle, Review review, String text) {

    public static final SampleFilter NONE = new SampleFilter(null, null, null, null);

    /** Review states a person filters by; EDITED is an acceptance with an edited text. */
    public enum Review {
        PENDING(" and s.reviewState is null"),
        ACCEPTED(" and s.reviewState = io.caitune.run.ReviewState.ACCEPTED"),
        REJECTED(" and s.reviewState = io.caitune.run.ReviewState.REJECTED"),
        EDITED(" and s.reviewedRevision is not null");

        private final String condition;

        Review(String condition) {
            this.condition = condition;
        }

        static Review parse(String value) {
            try {
                return Review.valueOf(value.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw ProblemException.badRequest("Unknown review state '" + value + "'; expected one of "
                        + Arrays.stream(values()).map(r -> r.name().toLowerCase(Locale.ROOT))
                                .collect(Collectors.joining(", ")));
            }
        }
    }

    public static SampleFilter of(SampleStatus status, String principle, String review, String text) {
        return new SampleFilter(status, blankToNull(principle), review == null || review.isBlank() ? null
                : Review.parse(review.strip()), blankToNull(text));
    }

    /** The JPQL condition on sample {@code s} (after the run condition) and its named parameters. */
    String where(Map<String, Object> parameters) {
        StringBuilder where = new StringBuilder();
        if (status != null) {
            where.append(" and s.status = :status");
            parameters.put("status", status);
        }
        if (review != null) {
            where.append(review.condition);
        }
        if (principle != null) {
            where.append(" and exists (select r.id from SampleRound r where r.sampleId = s.id"
                    + " and r.principleName = :principle)");
            parameters.put("principle", principle);
        }
        if (text != null) {
            where.append(" and (lower(s.prompt) like :text escape '!' or lower(s.initialAnswer) like :text escape '!'"
                    + " or lower(s.finalRevision) like :text escape '!' or lower(s.reviewedRevision) like :text escape '!')");
            parameters.put("text", "%" + text.toLowerCase(Locale.ROOT).replace("!", "!!").replace("%", "!%")
                    .replace("_", "!_") + "%");
        }
        return where.toString();
    }

    static Map<String, Object> parameters() {
        return new HashMap<>();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
