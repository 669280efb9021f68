package io.caitune.training;

import java.time.Instant;
import java.util.UUID;

public record ModelView(UUID id, String name, String path, UUID trainingJobId, Instant createdAt, String createdBy) {

    static ModelView of(LanguageModel m) {
        return new ModelView(m.id, m.name, m.path, m.trainingJobId, m.createdAt, m.createdBy);
    }
}
