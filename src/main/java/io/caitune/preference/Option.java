package io.caitune.preference;

/** The two options of a multiple-choice comparison: the answer shown first is (A). */
public enum Option {
    A, B
}
