package io.caitune.constitution;

import jakarta.persistence.Embeddable;

/** A critique request and the revision request that answers it. */
@Embeddable
public class Principle {

    public String name;
    public String critique;
    public String revision;

    public Principle() {
    }

    public Principle(String name, String critique, String revision) {
        this.name = name;
        this.critique = critique;
        this.revision = revision;
    }
}
