package io.caitune.run;

import java.util.List;
import java.util.UUID;

/** How many samples of a run have finished, and how. */
public record SampleCounts(long completed, long failed) {

    public static SampleCounts of(UUID runId) {
        long completed = 0;
        long failed = 0;
        List<Object[]> rows = Sample.getEntityManager()
                .createQuery("select s.status, count(s) from Sample s where s.runId = ?1 and s.status in ?2 "
                        + "group by s.status", Object[].class)
                .setParameter(1, runId)
                .setParameter(2, List.of(SampleStatus.COMPLETED, SampleStatus.FAILED))
                .getResultList();
        for (Object[] row : rows) {
            if (row[0] == SampleStatus.COMPLETED) {
                completed = (Long) row[1];
            } else {
                failed = (Long) row[1];
            }
        }
        return new SampleCounts(completed, failed);
    }
}
