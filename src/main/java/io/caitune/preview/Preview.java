package io.caitune.preview;

import java.util.List;
import java.util.UUID;

/** The exact messages every stage would send for one prompt, in order; nothing was sent to the model. */
public record Preview(UUID constitutionId, String fewShotLayout, boolean chainOfThought, Stage answer, Stage critique,
        Stage revision, Stage comparison) {

    /** One stage's request: which principle it uses (critique/revision/comparison) and its messages. */
    public record Stage(String principle, List<Message> messages) {
    }

    public record Message(String role, String content) {
    }
}
