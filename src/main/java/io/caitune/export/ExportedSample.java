package io.caitune.export;

import io.caitune.run.Sample;
import io.caitune.run.SampleRound;

import java.util.List;

/** A completed sample with its rounds, as the export writers see it. */
record ExportedSample(Sample sample, List<SampleRound> rounds) {

    SampleRound lastRound() {
        return rounds.isEmpty() ? null : rounds.get(rounds.size() - 1);
    }
}
