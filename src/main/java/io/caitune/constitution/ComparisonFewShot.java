package io.caitune.constitution;

import jakarta.persistence.Embeddable;

/** A worked (A)/(B) comparison for preference prompts. */
@Embeddable
public class ComparisonFewShot {

    public String task;
    public String chainOfThought;
    public String selectedAnswer;
}
