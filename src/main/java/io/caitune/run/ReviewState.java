package io.caitune.run;

/** A person's decision on a sample's final revision; an edit is an acceptance with the edited text. */
public enum ReviewState {
    ACCEPTED, REJECTED
}
