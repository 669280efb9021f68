package io.caitune.training;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.caitune.training.generate.BeamSearch;
import io.caitune.training.generate.GenerationSettings;
import io.caitune.training.generate.Hypothesis;
import io.caitune.training.generate.NgramBlocker;
import io.caitune.training.model.CausalLm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The model math without the service: checkpoint layout, padding token, beam search and n-gram blocking. */
class Gpt2ModelTests {

    @TempDir
    Path tmp;

    @Test
    void shouldAddPadTokenAndReloadSavedCheckpointToTheSameLogits() throws Exception {
        Path base = TinyGpt2.write(tmp.resolve("base"), 7);
        long[][] ids = {{2, 3, 4, 5, 6, 7}, {8, 9, 10, 11, 12, 13}};
        try (CausalLm lm = CausalLm.load(base, Device.cpu(), true)) {
            assertThat(lm.config().padTokenId()).isEqualTo(TinyGpt2.WORDS.size());
            assertThat(lm.config().vocabSize()).isEqualTo(TinyGpt2.WORDS.size() + 1);
            assertThat(lm.encode("def add [PAD]")).containsExactly(19, 28, TinyGpt2.WORDS.size());
            float[] before = logits(lm, ids);
            lm.save(tmp.resolve("saved"));

            try (CausalLm reloaded = CausalLm.load(tmp.resolve("saved"), Device.cpu(), true)) {
                assertThat(reloaded.config()).isEqualTo(lm.config());
                assertThat(logits(reloaded, ids)).containsExactly(before, org.assertj.core.data.Offset.offset(1e-6f));
            }
        }
    }

    @Test
    void shouldRefuseWeightsThatDoNotMatchTheConfig() throws Exception {
        Path base = TinyGpt2.write(tmp.resolve("base"), 7);
        java.nio.file.Files.writeString(base.resolve("config.json"),
                java.nio.file.Files.readString(base.resolve("config.json")).replace("\"n_layer\" : 2", "\"n_layer\" : 3"));
        assertThatThrownBy(() -> CausalLm.load(base, Device.cpu(), true))
                .hasMessageContaining("h.2.ln_1.weight");
    }

    @Test
    void beamSearchWithOneBeamShouldEqualGreedyDecoding() throws Exception {
        try (CausalLm lm = CausalLm.load(TinyGpt2.write(tmp.resolve("base"), 11), Device.cpu(), true)) {
            BeamSearch search = new BeamSearch(lm.scorer());
            long[] prompt = lm.encode("write a python function that returns the sum of x and y");
            for (int noRepeat : new int[] {0, 2}) {
                GenerationSettings settings = new GenerationSettings(prompt.length + 12, 1, 1, noRepeat, 1.0, false,
                        lm.config().eosTokenId());
                Hypothesis greedy = search.greedy(prompt, settings);
                List<Hypothesis> beam = search.generate(prompt, settings);
                assertThat(beam).hasSize(1);
                assertThat(beam.get(0).tokens()).containsExactly(greedy.tokens());
                assertThat(beam.get(0).score()).isCloseTo(greedy.score(), org.assertj.core.data.Offset.offset(1e-5));
            }
        }
    }

    @Test
    void beamSearchShouldReturnDistinctSequencesWithoutRepeatedNgrams() throws Exception {
        try (CausalLm lm = CausalLm.load(TinyGpt2.write(tmp.resolve("base"), 13), Device.cpu(), true)) {
            long[] prompt = lm.encode("def add ( x , y )");
            List<Hypothesis> out = new BeamSearch(lm.scorer()).generate(prompt,
                    new GenerationSettings(prompt.length + 16, 5, 4, 2, 1.0, true, lm.config().eosTokenId()));
            assertThat(out).hasSize(4);
            assertThat(out.stream().map(h -> Arrays.toString(h.tokens())).distinct()).hasSize(4);
            assertThat(out).allSatisfy(h -> assertThat(NgramBlocker.repeats(concat(prompt, h.tokens()), 2)).isFalse());
            assertThat(out).isSortedAccordingTo((a, b) -> Double.compare(b.score(), a.score()));
        }
    }

    @Test
    void ngramBlockingShouldForceAnotherTokenOnceAnNgramWouldRepeat() {
        // a scorer that always prefers token 3, then 4, then 5
        BeamSearch search = new BeamSearch(rows -> {
            float[][] out = new float[rows.length][];
            for (int r = 0; r < rows.length; r++) {
                out[r] = new float[] {-9, -9, -9, -0.1f, -2, -3};
            }
            return out;
        });
        long[] prompt = {1};
        GenerationSettings blocked = new GenerationSettings(8, 1, 1, 2, 1.0, true, null);
        long[] tokens = search.generate(prompt, blocked).get(0).tokens();
        assertThat(NgramBlocker.repeats(concat(prompt, tokens), 2)).isFalse();
        assertThat(tokens).startsWith(3, 3, 4);
        GenerationSettings free = new GenerationSettings(8, 1, 1, 0, 1.0, true, null);
        assertThat(search.generate(prompt, free).get(0).tokens()).containsOnly(3);
    }

    private static float[] logits(CausalLm lm, long[][] ids) {
        try (NDManager scope = lm.manager().newSubManager()) {
            NDArray logits = lm.logits(scope, ids, false);
            assertThat(logits.getShape().getShape()).containsExactly(2, 6, lm.config().vocabSize());
            return logits.toFloatArray();
        }
    }

    static long[] concat(long[] a, long[] b) {
        return LongStream.concat(Arrays.stream(a), Arrays.stream(b)).toArray();
    }
}
