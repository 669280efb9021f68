package io.caitune.training;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.UncheckedIOException;
import java.util.List;

/** A job's loss per logged step, stored as a JSON array in {@link TrainingJob#lossHistory}. */
final class LossHistory {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<List<Double>> LOSSES = new TypeReference<>() {
    };

    private LossHistory() {
    }

    static List<Double> read(String json) {
        try {
            return json == null ? List.of() : JSON.readValue(json, LOSSES);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String write(List<Double> losses) {
        try {
            return JSON.writeValueAsString(losses);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
