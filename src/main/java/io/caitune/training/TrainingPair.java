package io.caitune.training;

/** One training example: the prompt and the response the model should learn to give. */
public record TrainingPair(String prompt, String target) {
}
