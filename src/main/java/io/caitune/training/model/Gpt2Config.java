package io.caitune.training.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The fields of a Hugging Face GPT-2 {@code config.json} that shape the network. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Gpt2Config(
        @JsonProperty("vocab_size") int vocabSize,
        @JsonProperty("n_positions") int nPositions,
        @JsonProperty("n_embd") int nEmbd,
        @JsonProperty("n_layer") int nLayer,
        @JsonProperty("n_head") int nHead,
        @JsonProperty("layer_norm_epsilon") Double layerNormEpsilon,
        @JsonProperty("bos_token_id") Integer bosTokenId,
        @JsonProperty("eos_token_id") Integer eosTokenId,
        @JsonProperty("pad_token_id") Integer padTokenId,
        @JsonProperty("resid_pdrop") Double residPdrop,
        @JsonProperty("embd_pdrop") Double embdPdrop,
        @JsonProperty("attn_pdrop") Double attnPdrop) {

    /** GPT-2's dropout probability where config.json names none (transformers' GPT2Config default). */
    public static final double DEFAULT_DROPOUT = 0.1;

    private static final ObjectMapper JSON = new ObjectMapper();

    public Gpt2Config {
        if (nEmbd % nHead != 0) {
            throw new IllegalArgumentException("n_embd " + nEmbd + " is not a multiple of n_head " + nHead);
        }
        layerNormEpsilon = layerNormEpsilon == null ? 1e-5 : layerNormEpsilon;
        residPdrop = residPdrop == null ? DEFAULT_DROPOUT : residPdrop;
        embdPdrop = embdPdrop == null ? DEFAULT_DROPOUT : embdPdrop;
        attnPdrop = attnPdrop == null ? DEFAULT_DROPOUT : attnPdrop;
    }

    /** gpt2 (124M): 12 layers, 768 wide. */
    public static Gpt2Config gpt2() {
        return new Gpt2Config(50257, 1024, 768, 12, 12, 1e-5, 50256, 50256, null, null, null, null);
    }

    /** gpt2-medium (355M): 24 layers, 1024 wide. */
    public static Gpt2Config gpt2Medium() {
        return new Gpt2Config(50257, 1024, 1024, 24, 16, 1e-5, 50256, 50256, null, null, null, null);
    }

    /** A few-thousand-parameter model for tests and benchmarks. */
    public static Gpt2Config tiny(int vocabSize, int eosTokenId) {
        return new Gpt2Config(vocabSize, 64, 32, 2, 2, 1e-5, eosTokenId, eosTokenId, null, null, null, null);
    }

    public static Gpt2Config preset(String name) {
        return switch (name) {
            case "gpt2" -> gpt2();
            case "gpt2-medium" -> gpt2Medium();
            case "tiny" -> tiny(96, 0);
            default -> throw new IllegalArgumentException("Unknown GPT-2 preset '" + name + "'");
        };
    }

    public int headSize() {
        return nEmbd / nHead;
    }

    /** The same network with one more embedding row, taken by a new padding token. */
    public Gpt2Config withPadToken() {
        return new Gpt2Config(vocabSize + 1, nPositions, nEmbd, nLayer, nHead, layerNormEpsilon, bosTokenId,
                eosTokenId, vocabSize, residPdrop, embdPdrop, attnPdrop);
    }

    /** The same network without dropout (config.json's three probabilities at 0). */
    public Gpt2Config withoutDropout() {
        return new Gpt2Config(vocabSize, nPositions, nEmbd, nLayer, nHead, layerNormEpsilon, bosTokenId,
                eosTokenId, padTokenId, 0.0, 0.0, 0.0);
    }

    public static Gpt2Config read(Path file) throws IOException {
        Gpt2Config config = JSON.readValue(file.toFile(), Gpt2Config.class);
        if (config.vocabSize() <= 0 || config.nLayer() <= 0 || config.nEmbd() <= 0 || config.nPositions() <= 0) {
            throw new IOException(file + " is not a GPT-2 config (vocab_size, n_layer, n_embd, n_positions)");
        }
        return config;
    }

    /** Writes a config.json that transformers' {@code GPT2LMHeadModel.from_pretrained} reads as is. */
    public void write(Path file) throws IOException {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("model_type", "gpt2");
        json.put("architectures", List.of("GPT2LMHeadModel"));
        json.put("activation_function", "gelu_new");
        json.put("vocab_size", vocabSize);
        json.put("n_positions", nPositions);
        json.put("n_ctx", nPositions);
        json.put("n_embd", nEmbd);
        json.put("n_layer", nLayer);
        json.put("n_head", nHead);
        json.put("n_inner", null);
        json.put("layer_norm_epsilon", layerNormEpsilon);
        json.put("bos_token_id", bosTokenId);
        json.put("eos_token_id", eosTokenId);
        json.put("pad_token_id", padTokenId);
        json.put("resid_pdrop", residPdrop);
        json.put("embd_pdrop", embdPdrop);
        json.put("attn_pdrop", attnPdrop);
        json.put("tie_word_embeddings", true);
        json.put("torch_dtype", "float32");
        JSON.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), json);
    }
}
