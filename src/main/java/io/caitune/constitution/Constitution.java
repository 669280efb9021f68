package io.caitune.constitution;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderColumn;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** The principles a run critiques and revises against, plus the few-shots and system messages its prompts use. */
@Entity
public class Constitution extends PanacheEntityBase {

    @Id
    public UUID id;

    public String name;
    public String description;

    @Column(name = "system_message_answer")
    public String answerSystemMessage;

    @Column(name = "system_message_critique")
    public String critiqueSystemMessage;

    @Column(name = "system_message_revision")
    public String revisionSystemMessage;

    public String sourceFormat;
    public Instant createdAt;
    public String createdBy;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "constitution_principle", joinColumns = @JoinColumn(name = "constitution_id"))
    @OrderColumn(name = "position")
    public List<Principle> principles = new ArrayList<>();

    @ElementCollection
    @CollectionTable(name = "constitution_few_shot", joinColumns = @JoinColumn(name = "constitution_id"))
    @OrderColumn(name = "position")
    public List<FewShot> fewShots = new ArrayList<>();

    @ElementCollection
    @CollectionTable(name = "constitution_comparison_principle", joinColumns = @JoinColumn(name = "constitution_id"))
    @OrderColumn(name = "position")
    @Column(name = "question")
    public List<String> comparisonPrinciples = new ArrayList<>();

    @ElementCollection
    @CollectionTable(name = "constitution_comparison_few_shot", joinColumns = @JoinColumn(name = "constitution_id"))
    @OrderColumn(name = "position")
    public List<ComparisonFewShot> comparisonFewShots = new ArrayList<>();
}
