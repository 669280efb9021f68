package io.caitune.run;

/** What a run produces: critique/revision data for SFT. */
public enum RunMode {
    SFT
}
