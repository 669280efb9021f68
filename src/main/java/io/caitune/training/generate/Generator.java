package io.caitune.training.generate;

import io.caitune.training.DjlRuntime;
import io.caitune.training.LanguageModel;
import io.caitune.training.TrainingConfig;
import io.caitune.training.model.CachedScorer;
import io.caitune.training.model.CausalLm;
import io.caitune.web.ProblemException;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Generates with a registered model. Models load on first use (the engine with them) and stay loaded, at most
 * {@code cai.training.loaded-models}; one generation per model at a time, since a model's arrays are shared.
 */
@ApplicationScoped
public class Generator {

    private final TrainingConfig config;
    private final Map<UUID, CausalLm> loaded = new LinkedHashMap<>(4, 0.75f, true);

    public Generator(TrainingConfig config) {
        this.config = config;
    }

    public GenerateResponse generate(LanguageModel model, GenerateRequest request) {
        checkBeams(request); // before the model loads: a bad request costs nothing
        CausalLm lm = load(model);
        synchronized (lm) {
            long[] prompt = lm.encode(request.prompt());
            GenerationSettings settings = settings(request, prompt.length, lm);
            List<Hypothesis> hypotheses;
            try (CachedScorer scorer = lm.cachedScorer()) {
                hypotheses = new BeamSearch(scorer).generate(prompt, settings);
            }
            return new GenerateResponse(model.id, prompt.length, hypotheses.stream()
                    .map(h -> new GenerateResponse.Sequence(lm.decode(h.tokens()),
                            Arrays.stream(h.tokens()).boxed().toList(), h.score()))
                    .toList());
        }
    }

    private static GenerationSettings settings(GenerateRequest r, int promptTokens, CausalLm lm) {
        int numBeams = r.numBeams() != null ? r.numBeams() : 1;
        int returned = r.numReturnSequences() != null ? r.numReturnSequences() : 1;
        int maxLength = r.maxLength() != null ? r.maxLength() : Math.min(promptTokens + 50, lm.config().nPositions());
        if (maxLength > lm.config().nPositions()) {
            throw ProblemException.badRequest("'maxLength' (" + maxLength + ") exceeds the model's context of "
                    + lm.config().nPositions() + " tokens");
        }
        if (promptTokens == 0 || maxLength <= promptTokens) {
            throw ProblemException.badRequest("'maxLength' (" + maxLength + ") counts the prompt too and must exceed"
                    + " its " + promptTokens + " tokens (and the prompt must not be empty)");
        }
        return new GenerationSettings(maxLength, numBeams, returned,
                r.noRepeatNgramSize() != null ? r.noRepeatNgramSize() : 0,
                r.lengthPenalty() != null ? r.lengthPenalty() : 1.0,
                r.earlyStopping() != null ? r.earlyStopping() : EarlyStopping.FALSE, lm.config().eosTokenId());
    }

    private static void checkBeams(GenerateRequest r) {
        int numBeams = r.numBeams() != null ? r.numBeams() : 1;
        int returned = r.numReturnSequences() != null ? r.numReturnSequences() : 1;
        if (returned > numBeams) {
            throw ProblemException.badRequest("'numReturnSequences' (" + returned + ") must not exceed 'numBeams' ("
                    + numBeams + ")");
        }
    }

    private synchronized CausalLm load(LanguageModel model) {
        CausalLm lm = loaded.get(model.id);
        if (lm != null) {
            return lm;
        }
        try {
            lm = CausalLm.load(Path.of(model.path), DjlRuntime.inferenceDevice(), false);
        } catch (IOException | RuntimeException e) {
            // the directory changed since it was registered, or holds weights that do not fit its config
            throw new ProblemException(422, "Unprocessable Content", "Model " + model.id + " cannot be loaded from "
                    + model.path + ": " + e.getMessage() + ". Register a complete GPT-2 directory again");
        }
        loaded.put(model.id, lm);
        while (loaded.size() > Math.max(1, config.loadedModels())) {
            UUID eldest = loaded.keySet().iterator().next();
            CausalLm evicted = loaded.remove(eldest);
            synchronized (evicted) { // waits for a generation still using it
                evicted.close();
            }
        }
        return lm;
    }

    synchronized void close(@Observes ShutdownEvent event) {
        loaded.values().forEach(CausalLm::close);
        loaded.clear();
    }
}
