package io.caitune.training.model;

import ai.djl.Device;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.caitune.training.DjlRuntime;
import io.caitune.training.generate.NextTokenScorer;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A GPT-2 causal LM with its tokenizer, read from and written to a Hugging Face model directory
 * ({@code config.json}, {@code model.safetensors}, {@code tokenizer.json}). Owns its native memory: close it.
 */
public final class CausalLm implements AutoCloseable {

    public static final String CONFIG = "config.json";
    public static final String WEIGHTS = "model.safetensors";
    public static final String TOKENIZER = "tokenizer.json";
    public static final String TOKENIZER_CONFIG = "tokenizer_config.json";
    public static final String SPECIAL_TOKENS = "special_tokens_map.json";
    public static final List<String> FILES = List.of(CONFIG, WEIGHTS, TOKENIZER);
    public static final String PAD = "[PAD]";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Gpt2Config config;
    private final Gpt2Model model;
    private final String tokenizerJson;
    private final HuggingFaceTokenizer tokenizer;
    private final NDManager manager;

    private CausalLm(Gpt2Config config, Gpt2Model model, String tokenizerJson, NDManager manager) throws IOException {
        this.config = config;
        this.model = model;
        this.tokenizerJson = tokenizerJson;
        this.manager = manager;
        this.tokenizer = HuggingFaceTokenizer.newInstance(
                new ByteArrayInputStream(tokenizerJson.getBytes(StandardCharsets.UTF_8)),
                // sequences are cut by the trainer and the generator, which know the model's context size
                Map.of("truncation", "false", "padding", "false", "maxLength", String.valueOf(config.nPositions())));
    }

    /** Files a directory lacks to be loadable; empty when it has them all. */
    public static List<String> missingFiles(Path dir) {
        return FILES.stream().filter(f -> !Files.isRegularFile(dir.resolve(f))).toList();
    }

    /**
     * Loads a model directory onto {@code device}. With {@code addPad}, a model without a padding token gets a
     * [PAD] token in the tokenizer and one more embedding row (the mean of the others, so it starts neutral).
     */
    public static CausalLm load(Path dir, Device device, boolean addPad) throws IOException {
        Gpt2Config config = Gpt2Config.read(dir.resolve(CONFIG));
        String tokenizerJson = Files.readString(dir.resolve(TOKENIZER));
        NDManager manager = DjlRuntime.engine().newBaseManager(device);
        try {
            Map<String, NDArray> tensors = new LinkedHashMap<>();
            Safetensors.read(dir.resolve(WEIGHTS), manager).forEach((name, array) -> {
                // transformers saves "transformer.h.0..." from GPT2LMHeadModel and "h.0..." from GPT2Model
                String key = name.startsWith("transformer.") ? name.substring("transformer.".length()) : name;
                if (!key.startsWith("lm_head.") && !key.endsWith(".attn.bias") && !key.endsWith(".attn.masked_bias")) {
                    tensors.put(key, array);
                } else {
                    array.close();
                }
            });
            if (addPad && config.padTokenId() == null) {
                int padId = config.vocabSize();
                NDArray wte = tensors.get("wte.weight");
                if (wte != null) {
                    try (NDArray mean = wte.mean(new int[] {0}, true)) {
                        tensors.put("wte.weight", wte.concat(mean, 0));
                    }
                    wte.close();
                }
                tokenizerJson = withAddedToken(tokenizerJson, PAD, padId);
                config = config.withPadToken();
            }
            Gpt2Model model = new Gpt2Model(config);
            model.load(tensors);
            return new CausalLm(config, model, tokenizerJson, manager);
        } catch (IOException | RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    /** A randomly initialised model (benchmarks, tests) with the given tokenizer. */
    public static CausalLm random(Gpt2Config config, String tokenizerJson, Device device, long seed)
            throws IOException {
        DjlRuntime.engine().setRandomSeed((int) seed);
        NDManager manager = DjlRuntime.engine().newBaseManager(device);
        Gpt2Model model = new Gpt2Model(config);
        model.initializeRandom(manager);
        return new CausalLm(config, model, tokenizerJson, manager);
    }

    /**
     * Writes config.json, model.safetensors (tied head omitted, as transformers does), tokenizer.json, and
     * tokenizer_config.json + special_tokens_map.json naming the pad, EOS and BOS tokens, so that
     * {@code AutoTokenizer.from_pretrained(dir)} has the [PAD] token as its {@code pad_token}.
     */
    public void save(Path dir) throws IOException {
        Files.createDirectories(dir);
        Map<String, NDArray> tensors = new LinkedHashMap<>();
        model.hfParameters().forEach((name, parameter) -> tensors.put("transformer." + name, parameter.getArray()));
        Safetensors.write(dir.resolve(WEIGHTS), tensors);
        config.write(dir.resolve(CONFIG));
        Files.writeString(dir.resolve(TOKENIZER), tokenizerJson);
        Map<String, Object> special = new LinkedHashMap<>();
        putToken(special, "bos_token", config.bosTokenId());
        putToken(special, "eos_token", config.eosTokenId());
        putToken(special, "unk_token", config.eosTokenId()); // GPT-2's unk is its EOS
        putToken(special, "pad_token", config.padTokenId());
        JSON.writerWithDefaultPrettyPrinter().writeValue(dir.resolve(SPECIAL_TOKENS).toFile(), special);
        Map<String, Object> tokenizerConfig = new LinkedHashMap<>(special);
        tokenizerConfig.put("tokenizer_class", "GPT2Tokenizer");
        tokenizerConfig.put("model_max_length", config.nPositions());
        tokenizerConfig.put("add_prefix_space", false);
        tokenizerConfig.put("clean_up_tokenization_spaces", false);
        JSON.writerWithDefaultPrettyPrinter().writeValue(dir.resolve(TOKENIZER_CONFIG).toFile(), tokenizerConfig);
    }

    private void putToken(Map<String, Object> map, String key, Integer id) throws IOException {
        String content = id == null ? null : tokenContent(tokenizerJson, id);
        if (content != null) {
            map.put(key, content);
        }
    }

    /** A token's text: from tokenizer.json's added tokens, else from the model's vocabulary. */
    static String tokenContent(String tokenizerJson, int id) throws IOException {
        com.fasterxml.jackson.databind.JsonNode root = JSON.readTree(tokenizerJson);
        for (com.fasterxml.jackson.databind.JsonNode added : root.path("added_tokens")) {
            if (added.path("id").asInt(-1) == id) {
                return added.path("content").asText();
            }
        }
        var vocab = root.path("model").path("vocab").fields();
        while (vocab.hasNext()) {
            var entry = vocab.next();
            if (entry.getValue().asInt(-1) == id) {
                return entry.getKey();
            }
        }
        return null;
    }

    /** Logits [B, T, vocab] for equal-length rows of token ids. */
    public NDArray logits(NDManager scope, long[][] ids, boolean training) {
        int rows = ids.length;
        int length = ids[0].length;
        long[] flat = new long[rows * length];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(ids[r], 0, flat, r * length, length);
        }
        return model.logits(scope.create(flat, new Shape(rows, length)), training);
    }

    /** Next-token log-probabilities for beam search: one forward pass over all rows, last position only. */
    public NextTokenScorer scorer() {
        return sequences -> {
            try (NDManager scope = manager.newSubManager()) {
                int last = sequences[0].length - 1;
                float[] flat = logits(scope, sequences, false).get(new NDIndex(":, {}, :", last)).logSoftmax(-1)
                        .toFloatArray();
                int vocab = flat.length / sequences.length;
                float[][] rows = new float[sequences.length][];
                for (int r = 0; r < rows.length; r++) {
                    rows[r] = Arrays.copyOfRange(flat, r * vocab, (r + 1) * vocab);
                }
                return rows;
            }
        };
    }

    /** Next-token log-probabilities with a key/value cache, for one generation: close it afterwards. */
    public CachedScorer cachedScorer() {
        return new CachedScorer(this);
    }

    public long[] encode(String text) {
        return tokenizer.encode(text, false, false).getIds();
    }

    public String decode(long[] ids) {
        return tokenizer.decode(ids, true);
    }

    public Gpt2Config config() {
        return config;
    }

    public Gpt2Model model() {
        return model;
    }

    public NDManager manager() {
        return manager;
    }

    @Override
    public void close() {
        tokenizer.close();
        manager.close();
    }

    static String withAddedToken(String tokenizerJson, String content, int id) throws IOException {
        ObjectNode root = (ObjectNode) JSON.readTree(tokenizerJson);
        ArrayNode added = root.has("added_tokens") && root.get("added_tokens").isArray()
                ? (ArrayNode) root.get("added_tokens") : root.putArray("added_tokens");
        added.addObject().put("id", id).put("content", content).put("single_word", false).put("lstrip", false)
                .put("rstrip", false).put("normalized", false).put("special", true);
        return JSON.writeValueAsString(root);
    }
}
