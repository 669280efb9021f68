package io.caitune.run;

/** What a run produces: critique/revision data for SFT, or (A)/(B) comparisons for preference training. */
public enum RunMode {
    SFT, PREFERENCE
}
