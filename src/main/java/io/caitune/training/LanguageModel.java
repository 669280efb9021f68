package io.caitune.training;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;

import java.time.Instant;
import java.util.UUID;

/** A Hugging Face GPT-2 directory the service can train from and generate with. */
@Entity
public class LanguageModel extends PanacheEntityBase {

    @Id
    public UUID id;
    public String name;
    public String path;
    /** The job that produced it; null for a registered directory. */
    public UUID trainingJobId;
    public Instant createdAt;
    public String createdBy;
}
