package io.caitune.training;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.caitune.training.model.CausalLm;
import io.caitune.training.model.Gpt2Config;
import io.caitune.training.model.Gpt2Model;
import io.caitune.training.model.Safetensors;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A tiny GPT-2 in Hugging Face layout, written the way a hub checkpoint looks (a WordLevel tokenizer.json, a
 * config.json, Conv1D weights under "h.N..." names plus the "attn.bias" mask buffers that loaders must skip),
 * and a small generated alpaca-style Python dataset over the tokenizer's words.
 */
public final class TinyGpt2 {

    public static final List<String> WORDS = List.of("<|endoftext|>", "<unk>", "write", "a", "python", "function",
            "that", "returns", "the", "sum", "difference", "product", "of", "and", "x", "y", "z", "n", "m", "def",
            "return", "(", ")", ":", ",", "+", "-", "*", "add", "sub", "mul", "print", "square", "double", "2",
            "to", "number", "numbers", "two", "prints", "value");

    private static final ObjectMapper JSON = new ObjectMapper();

    private TinyGpt2() {
    }

    public static Gpt2Config config() {
        return Gpt2Config.tiny(WORDS.size(), 0);
    }

    public static String tokenizerJson() throws IOException {
        Map<String, Integer> vocab = new LinkedHashMap<>();
        for (int i = 0; i < WORDS.size(); i++) {
            vocab.put(WORDS.get(i), i);
        }
        Map<String, Object> tokenizer = new LinkedHashMap<>();
        tokenizer.put("version", "1.0");
        tokenizer.put("truncation", null);
        tokenizer.put("padding", null);
        tokenizer.put("added_tokens", List.of(Map.of("id", 0, "content", "<|endoftext|>", "single_word", false,
                "lstrip", false, "rstrip", false, "normalized", false, "special", true)));
        tokenizer.put("normalizer", null);
        tokenizer.put("pre_tokenizer", Map.of("type", "Whitespace"));
        tokenizer.put("post_processor", null);
        tokenizer.put("decoder", null);
        tokenizer.put("model", Map.of("type", "WordLevel", "vocab", vocab, "unk_token", "<unk>"));
        return JSON.writeValueAsString(tokenizer);
    }

    /** Writes config.json, model.safetensors (random, seeded) and tokenizer.json into {@code dir}. */
    public static Path write(Path dir, int seed) throws IOException {
        Files.createDirectories(dir);
        Gpt2Config config = config();
        config.write(dir.resolve(CausalLm.CONFIG));
        Files.writeString(dir.resolve(CausalLm.TOKENIZER), tokenizerJson());
        DjlRuntime.engine().setRandomSeed(seed);
        try (NDManager manager = DjlRuntime.engine().newBaseManager(Device.cpu())) {
            Gpt2Model model = new Gpt2Model(config);
            model.initializeRandom(manager);
            Map<String, NDArray> tensors = new LinkedHashMap<>();
            model.hfParameters().forEach((name, p) -> tensors.put(name, p.getArray()));
            for (int i = 0; i < config.nLayer(); i++) {
                tensors.put("h." + i + ".attn.bias", manager.ones(new Shape(1, 1, config.nPositions(),
                        config.nPositions()), DataType.FLOAT32));
            }
            Safetensors.write(dir.resolve(CausalLm.WEIGHTS), tensors);
        }
        return dir;
    }

    /** Instruction -> code pairs over the tokenizer's words; the response is a deterministic function of the prompt. */
    public static List<TrainingPair> pairs() {
        String[][] ops = {{"sum", "add", "+"}, {"difference", "sub", "-"}, {"product", "mul", "*"}};
        String[] names = {"x", "y", "z", "n", "m"};
        List<TrainingPair> pairs = new ArrayList<>();
        for (String[] op : ops) {
            for (String a : names) {
                for (String b : names) {
                    if (!a.equals(b)) {
                        pairs.add(new TrainingPair("write a python function that returns the " + op[0] + " of " + a
                                + " and " + b, "def " + op[1] + " ( " + a + " , " + b + " ) : return " + a + " "
                                + op[2] + " " + b));
                    }
                }
            }
        }
        return pairs;
    }
}
