package io.caitune.preference;

import java.util.Map;
import java.util.UUID;

/**
 * A run's comparisons by outcome. {@code agreementRate} = agreed / (agreed + disagreed): of the pairs whose both orders
 * gave a readable answer, the share where swapping the options did not change the choice; null before any.
 * {@code softLabels} counts comparisons with a soft label.
 */
public record ComparisonSummary(long comparisons, long agreed, long disagreed, long identical, long unparseable,
        Double agreementRate, long softLabels) {

    static ComparisonSummary of(UUID runId) {
        Map<Outcome, Long> counts = new java.util.EnumMap<>(Outcome.class);
        for (Object[] row : Comparison.getEntityManager()
                .createQuery("select c.outcome, count(c) from Comparison c where c.runId = ?1 group by c.outcome",
                        Object[].class)
                .setParameter(1, runId).getResultList()) {
            counts.put((Outcome) row[0], (Long) row[1]);
        }
        long soft = Comparison.count("runId = ?1 and firstProbability is not null", runId);
        long agreed = counts.getOrDefault(Outcome.AGREED, 0L);
        long disagreed = counts.getOrDefault(Outcome.DISAGREED, 0L);
        long total = counts.values().stream().mapToLong(Long::longValue).sum();
        return new ComparisonSummary(total, agreed, disagreed, counts.getOrDefault(Outcome.IDENTICAL, 0L),
                counts.getOrDefault(Outcome.UNPARSEABLE, 0L),
                agreed + disagreed == 0 ? null : (double) agreed / (agreed + disagreed), soft);
    }
}
