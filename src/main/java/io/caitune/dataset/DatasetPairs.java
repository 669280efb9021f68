package io.caitune.dataset;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * The preference pairs of an imported dataset: rows whose source held a real {@code chosen}/{@code rejected} pair
 * ({@link PreferencePair}), in file order. What evaluations judge; training reads the chosen answers as targets.
 */
@ApplicationScoped
public class DatasetPairs {

    /** One pair: the dataset prompt's id and text, the chosen and the rejected answer. */
    public record Pair(UUID promptId, int position, String prompt, String chosen, String rejected) {
    }

    private final EntityManager em;
    private final ObjectMapper json;

    public DatasetPairs(EntityManager em, ObjectMapper json) {
        this.em = em;
        this.json = json;
    }

    /** The dataset's pairs; empty for a dataset of plain prompts. */
    @Transactional
    public List<Pair> of(UUID datasetId) {
        return em.createQuery("select p.id, p.position, p.prompt, p.metadata from DatasetPrompt p "
                        + "where p.datasetId = ?1 and p.target is not null and p.metadata is not null "
                        + "order by p.position", Object[].class)
                .setParameter(1, datasetId).getResultStream()
                .map(r -> pair((UUID) r[0], (Integer) r[1], (String) r[2], (String) r[3]))
                .filter(Objects::nonNull).toList();
    }

    private Pair pair(UUID id, int position, String prompt, String metadata) {
        JsonNode row;
        try {
            row = json.readTree(metadata);
        } catch (JsonProcessingException e) {
            // written by this service as JSON; a row that no longer parses is no pair
            return null;
        }
        String chosen = PreferencePair.chosen(row);
        String rejected = PreferencePair.rejected(row);
        return chosen == null || rejected == null ? null : new Pair(id, position, prompt, chosen, rejected);
    }
}
