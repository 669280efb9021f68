package io.caitune.run;

import io.caitune.dataset.DatasetPrompt;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Copies a new run's prompts into pending samples in batches, flushing and clearing the persistence context after
 * each: a run may hold a million prompts. Runs inside the caller's transaction.
 */
@ApplicationScoped
class SampleCopy {

    private static final int BATCH = 1000;

    private final EntityManager em;

    SampleCopy(EntityManager em) {
        this.em = em;
    }

    void fromPrompts(UUID runId, List<String> prompts) {
        for (int i = 0; i < prompts.size(); i++) {
            persist(runId, i, String.valueOf(i + 1), prompts.get(i), null, null);
            if (i % BATCH == BATCH - 1) {
                em.flush();
                em.clear();
            }
        }
    }

    void fromDataset(UUID runId, UUID datasetId, int total) {
        for (int offset = 0; offset < total; offset += BATCH) {
            List<DatasetPrompt> page = em.createQuery("from DatasetPrompt where datasetId = ?1 and position >= ?2 "
                    + "order by position", DatasetPrompt.class)
                    .setParameter(1, datasetId).setParameter(2, offset).setMaxResults(BATCH).getResultList();
            for (DatasetPrompt p : page) {
                persist(runId, p.position, p.externalId, p.prompt, p.target, p.metadata);
            }
            em.flush();
            em.clear();
        }
    }

    private void persist(UUID runId, int position, String promptId, String prompt, String target, String metadata) {
        Sample sample = new Sample();
        sample.id = UUID.randomUUID();
        sample.runId = runId;
        sample.position = position;
        sample.promptId = promptId;
        sample.prompt = prompt;
        sample.target = target;
        sample.metadata = metadata;
        sample.status = SampleStatus.PENDING;
        sample.updatedAt = Instant.now();
        em.persist(sample);
    }
}
