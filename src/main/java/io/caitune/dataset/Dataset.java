package io.caitune.dataset;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;

import java.time.Instant;
import java.util.UUID;

/** An uploaded set of prompts. */
@Entity
public class Dataset extends PanacheEntityBase {

    @Id
    public UUID id;
    public String name;
    public String format;
    public int size;
    public Instant createdAt;
    public String createdBy;
}
