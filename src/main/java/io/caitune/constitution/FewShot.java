package io.caitune.constitution;

import jakarta.persistence.Embeddable;

/** A worked critique/revision example shown to the model before the real conversation. Any field may be absent. */
@Embeddable
public class FewShot {

    public String input;
    public String initialAnswer;
    public String critiqueRequest;
    public String critique;
    public String revisionRequest;
    public String revision;
}
