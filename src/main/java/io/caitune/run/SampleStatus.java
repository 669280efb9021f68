package io.caitune.run;

public enum SampleStatus {
    PENDING, RUNNING, COMPLETED, FAILED
}
