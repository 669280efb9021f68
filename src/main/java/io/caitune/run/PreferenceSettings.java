package io.caitune.run;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;

import java.util.UUID;

/**
 * How a preference run samples and judges: K answers per prompt, their temperature, chain of thought or not. Part of
 * the run's settings (stored with the run, shown in its view); the preference package reads it.
 */
@Entity
public class PreferenceSettings extends PanacheEntityBase {

    public static final int DEFAULT_ANSWERS = 2;
    public static final double DEFAULT_TEMPERATURE = 1.0;

    @Id
    public UUID runId;
    public int answers;
    public double temperature;
    public boolean chainOfThought;

    /** Stores a new preference run's settings, defaults filled in (the request is already validated). */
    static PreferenceSettings create(UUID runId, RunRequest.Preference request) {
        PreferenceSettings settings = new PreferenceSettings();
        settings.runId = runId;
        settings.answers = request == null || request.answers() == null ? DEFAULT_ANSWERS : request.answers();
        settings.temperature = request == null || request.temperature() == null ? DEFAULT_TEMPERATURE
                : request.temperature();
        settings.chainOfThought = request != null && Boolean.TRUE.equals(request.chainOfThought());
        settings.persist();
        return settings;
    }
}
