package io.caitune.dataset;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;

import java.util.UUID;

/** One prompt of a dataset with its original row kept as metadata (and the alpaca output as target). */
@Entity
public class DatasetPrompt extends PanacheEntityBase {

    @Id
    public UUID id;
    public UUID datasetId;
    public int position;
    public String externalId;
    public String prompt;
    public String target;
    /** The source row as a JSON object. */
    public String metadata;
}
