package io.caitune.training;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.caitune.training.generate.BeamSearch;
import io.caitune.training.generate.EarlyStopping;
import io.caitune.training.generate.GenerationSettings;
import io.caitune.training.generate.Hypothesis;
import io.caitune.training.generate.NextTokenScorer;
import io.caitune.training.model.CachedScorer;
import io.caitune.training.model.CausalLm;
import io.caitune.training.model.Gpt2Config;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Where users compare with transformers: optimizer groups, schedule, dropout, beam search, checkpoints, KV cache. */
class TrainingParityTests {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    void weightDecayShouldSkipBiasesAndLayerNormWeightsAsTransformersTrainerDoes() throws Exception {
        try (CausalLm lm = CausalLm.load(TinyGpt2.write(tmp.resolve("base"), 1), Device.cpu(), true)) {
            List<String> decayed = lm.model().hfParameters().keySet().stream().filter(CausalLmTrainer::decays).toList();
            assertThat(decayed).containsExactly("wte.weight", "wpe.weight",
                    "h.0.attn.c_attn.weight", "h.0.attn.c_proj.weight", "h.0.mlp.c_fc.weight", "h.0.mlp.c_proj.weight",
                    "h.1.attn.c_attn.weight", "h.1.attn.c_proj.weight", "h.1.mlp.c_fc.weight", "h.1.mlp.c_proj.weight");
        }
    }

    @Test
    void learningRateShouldWarmUpFromZeroAtStepZeroThenDecayLinearly() {
        CausalLmTrainer.Settings settings = new CausalLmTrainer.Settings(1, 1, 1, 1e-3f, 0f, 4, 8, 1, 1f);
        // transformers' get_linear_schedule_with_warmup: step / warmup, then (total - step) / (total - warmup)
        assertThat(CausalLmTrainer.learningRate(settings, 0, 12)).isZero();
        assertThat(CausalLmTrainer.learningRate(settings, 1, 12)).isCloseTo(2.5e-4f, within(1e-9f));
        assertThat(CausalLmTrainer.learningRate(settings, 4, 12)).isCloseTo(1e-3f, within(1e-9f));
        assertThat(CausalLmTrainer.learningRate(settings, 8, 12)).isCloseTo(5e-4f, within(1e-9f));
        assertThat(CausalLmTrainer.learningRate(settings, 12, 12)).isZero();
    }

    @Test
    void dropoutFromConfigJsonShouldActWhileTrainingOnlyAndDefaultToGpt2s() throws Exception {
        Path base = TinyGpt2.write(tmp.resolve("base"), 2);
        long[][] ids = {{2, 3, 4, 5, 6, 7}};
        try (CausalLm lm = CausalLm.load(base, Device.cpu(), true)) {
            assertThat(lm.config().residPdrop()).isEqualTo(0.1);
            assertThat(lm.config().embdPdrop()).isEqualTo(0.1);
            assertThat(lm.config().attnPdrop()).isEqualTo(0.1);
            float[] eval = logits(lm, ids, false);
            assertThat(logits(lm, ids, false)).containsExactly(eval);
            assertThat(logits(lm, ids, true)).isNotEqualTo(eval);
        }
        // config.json without the keys gets GPT-2's 0.1; with zeros, training is the same function as inference
        ObjectMapper json = new ObjectMapper();
        JsonNode config = json.readTree(base.resolve("config.json").toFile());
        ((com.fasterxml.jackson.databind.node.ObjectNode) config).remove(List.of("resid_pdrop", "embd_pdrop"));
        ((com.fasterxml.jackson.databind.node.ObjectNode) config).put("attn_pdrop", 0.25);
        json.writeValue(base.resolve("config.json").toFile(), config);
        assertThat(Gpt2Config.read(base.resolve("config.json")).residPdrop()).isEqualTo(0.1);
        assertThat(Gpt2Config.read(base.resolve("config.json")).attnPdrop()).isEqualTo(0.25);
        Gpt2Config.read(base.resolve("config.json")).withoutDropout().write(base.resolve("config.json"));
        try (CausalLm lm = CausalLm.load(base, Device.cpu(), true)) {
            assertThat(logits(lm, ids, true)).containsExactly(logits(lm, ids, false));
        }
    }

    @Test
    void checkpointsShouldNameThePadTokenForAutoTokenizer() throws Exception {
        try (CausalLm lm = CausalLm.load(TinyGpt2.write(tmp.resolve("base"), 1), Device.cpu(), true)) {
            lm.save(tmp.resolve("saved"));
        }
        JsonNode special = JSON.readTree(tmp.resolve("saved/special_tokens_map.json").toFile());
        assertThat(special.get("pad_token").asText()).isEqualTo("[PAD]");
        assertThat(special.get("eos_token").asText()).isEqualTo("<|endoftext|>");
        JsonNode tokenizerConfig = JSON.readTree(tmp.resolve("saved/tokenizer_config.json").toFile());
        assertThat(tokenizerConfig.get("pad_token").asText()).isEqualTo("[PAD]");
        assertThat(tokenizerConfig.get("tokenizer_class").asText()).isEqualTo("GPT2Tokenizer");
        assertThat(tokenizerConfig.get("model_max_length").asInt()).isEqualTo(64);
    }

    @Test
    void keepingTheLastKCheckpointsShouldDeleteOnlyOlderEpochs() throws Exception {
        Path job = tmp.resolve("job");
        for (int epoch = 1; epoch <= 11; epoch++) {
            Files.writeString(Files.createDirectories(Checkpoints.epochDir(job, epoch)).resolve("config.json"), "{}");
        }
        Files.writeString(job.resolve("worker.log"), "log");
        Checkpoints.prune(job, 3);
        try (var left = Files.list(job)) {
            assertThat(left.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("epoch-9", "epoch-10", "epoch-11", "worker.log");
        }
        Checkpoints.prune(job, 0);
        assertThat(Files.exists(job.resolve("epoch-9"))).isTrue();
    }

    @Test
    void theKvCacheShouldGiveTheSameBeamsAsRecomputingEverySequence() throws Exception {
        try (CausalLm lm = CausalLm.load(TinyGpt2.write(tmp.resolve("base"), 13), Device.cpu(), true)) {
            long[] prompt = lm.encode("write a python function that returns the sum of x and y");
            for (int beams : new int[] {1, 4}) {
                GenerationSettings settings = new GenerationSettings(prompt.length + 20, beams, beams, 2, 1.0,
                        EarlyStopping.FALSE, lm.config().eosTokenId());
                List<Hypothesis> plain = new BeamSearch(lm.scorer()).generate(prompt, settings);
                List<Hypothesis> cached;
                try (CachedScorer scorer = lm.cachedScorer()) {
                    cached = new BeamSearch(scorer).generate(prompt, settings);
                }
                assertThat(cached).hasSameSizeAs(plain);
                for (int i = 0; i < plain.size(); i++) {
                    assertThat(cached.get(i).tokens()).containsExactly(plain.get(i).tokens());
                    assertThat(cached.get(i).score()).isCloseTo(plain.get(i).score(), within(1e-4));
                }
            }
        }
    }

    @Test
    void earlyStoppingNeverShouldKeepSearchingWhileALongerBeamCouldStillWin() {
        // after the prompt: EOS -1.0, token 2 -4.0, token 1 -4.2; after 2: EOS -0.1; after 1: token 1 -0.01
        NextTokenScorer scorer = rows -> {
            float[][] out = new float[rows.length][];
            for (int r = 0; r < rows.length; r++) {
                long last = rows[r][rows[r].length - 1];
                out[r] = last == 5 ? new float[] {-1.0f, -4.2f, -4.0f, -9, -9, -9}
                        : last == 2 ? new float[] {-0.1f, -9, -9, -9, -9, -9}
                        : new float[] {-30f, -0.01f, -9, -9, -9, -9};
            }
            return out;
        };
        long[] prompt = {5};
        List<Hypothesis> heuristic = new BeamSearch(scorer).generate(prompt,
                new GenerationSettings(11, 2, 2, 0, 1.0, EarlyStopping.FALSE, 0));
        // false: at length 2 the live beam (-4.21 / 2) cannot beat the finished -4.1 / 2 any more: stop
        assertThat(heuristic.get(0).tokens()).containsExactly(0);
        assertThat(heuristic.get(1).tokens()).containsExactly(2, 0);
        List<Hypothesis> exact = new BeamSearch(scorer).generate(prompt,
                new GenerationSettings(11, 2, 2, 0, 1.0, EarlyStopping.NEVER, 0));
        // never: divided by the 10 tokens it may still reach it could win, and it does at max length
        assertThat(exact.get(0).tokens()).containsExactly(1, 1, 1, 1, 1, 1, 1, 1, 1, 1);
        assertThat(exact.get(0).score()).isCloseTo(-(4.2 + 9 * 0.01) / 10, within(1e-5));
        assertThat(exact.get(1).tokens()).containsExactly(0);
    }

    @Test
    void withEarlyStoppingTheLastStepShouldMergeMaxLengthBeamsWithTheFinishedOnes() {
        // step 1: EOS -0.1 finishes, beams [1] -0.5 and [2] -3; step 2 (the last): [1, 1] -0.7 beats [1, EOS] -0.9
        NextTokenScorer scorer = rows -> {
            float[][] out = new float[rows.length][];
            for (int r = 0; r < rows.length; r++) {
                out[r] = rows[r].length == 1 ? new float[] {-0.1f, -0.5f, -3f, -3f}
                        : new float[] {-0.4f, -0.2f, -5f, -5f};
            }
            return out;
        };
        List<Hypothesis> best = new BeamSearch(scorer).generate(new long[] {3},
                new GenerationSettings(3, 2, 2, 0, 1.0, EarlyStopping.TRUE, 0));
        assertThat(best.get(0).tokens()).containsExactly(0);
        // transformers >= 4.50: the max-length beam [1, 1] (-0.7 / 2) replaces the finished [1, EOS] (-0.9 / 2)
        assertThat(best.get(1).tokens()).containsExactly(1, 1);
        assertThat(best.get(1).score()).isCloseTo(-0.35, within(1e-6));
    }

    @Test
    void earlyStoppingShouldReadTrueFalseAndNeverFromJson() throws Exception {
        assertThat(JSON.readValue("true", EarlyStopping.class)).isEqualTo(EarlyStopping.TRUE);
        assertThat(JSON.readValue("false", EarlyStopping.class)).isEqualTo(EarlyStopping.FALSE);
        assertThat(JSON.readValue("\"never\"", EarlyStopping.class)).isEqualTo(EarlyStopping.NEVER);
        assertThat(JSON.writeValueAsString(EarlyStopping.NEVER)).isEqualTo("\"never\"");
        assertThat(JSON.writeValueAsString(EarlyStopping.TRUE)).isEqualTo("true");
    }

    private static float[] logits(CausalLm lm, long[][] ids, boolean training) {
        try (NDManager scope = lm.manager().newSubManager()) {
            return lm.logits(scope, ids, training).toFloatArray();
        }
    }
}
