package io.caitune.dataset;

import io.caitune.security.CurrentUser;
import io.caitune.web.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class DatasetStore {

    private static final int FLUSH_EVERY = 500;

    private final EntityManager em;

    public DatasetStore(EntityManager em) {
        this.em = em;
    }

    /** Stores the dataset and all its prompts in one transaction: a failure leaves nothing behind. */
    @Transactional
    public Dataset save(String name, PromptFormat format, List<ParsedPrompt> prompts) {
        Dataset dataset = new Dataset();
        dataset.id = UUID.randomUUID();
        dataset.name = name;
        dataset.format = format.name().toLowerCase();
        dataset.size = prompts.size();
        dataset.createdAt = Instant.now();
        dataset.createdBy = CurrentUser.name();
        dataset.persist();
        for (int i = 0; i < prompts.size(); i++) {
            ParsedPrompt p = prompts.get(i);
            DatasetPrompt row = new DatasetPrompt();
            row.id = UUID.randomUUID();
            row.datasetId = dataset.id;
            row.position = i;
            row.externalId = truncate(p.id(), 200);
            row.prompt = p.prompt();
            row.target = p.target();
            row.metadata = p.metadata().isEmpty() ? null : p.metadata().toString();
            em.persist(row);
            if (i % FLUSH_EVERY == FLUSH_EVERY - 1) {
                em.flush();
                em.clear();
            }
        }
        return dataset;
    }

    /** The dataset; 404 otherwise. */
    public Dataset find(UUID id) {
        return ProblemException.found(Dataset.findById(id), "Dataset", id);
    }

    private static String truncate(String value, int max) {
        return value.length() <= max ? value : value.substring(0, max);
    }
}
