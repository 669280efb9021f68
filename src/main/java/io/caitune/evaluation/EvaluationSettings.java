package io.caitune.evaluation;

import io.caitune.preference.PreferenceConfig;
import io.caitune.web.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.security.SecureRandom;

/** What every evaluation request shares: the sample count within its limit, the seed, the 202 answer. */
@ApplicationScoped
public class EvaluationSettings {

    private static final SecureRandom SEEDS = new SecureRandom();

    private final PreferenceConfig config;

    public EvaluationSettings(PreferenceConfig config) {
        this.config = config;
    }

    /** The prompts (or pairs) to draw: the requested number, else the configured default; 400 above the maximum. */
    int samples(Integer requested) {
        int samples = requested != null ? requested : config.evaluation().defaultSamples();
        if (samples > config.evaluation().maxSamples()) {
            throw ProblemException.badRequest("'samples' must be at most " + config.evaluation().maxSamples()
                    + " (cai.preference.evaluation.max-samples)");
        }
        return samples;
    }

    /** The requested seed, else a fresh one (stored with the evaluation, so the draw can be repeated). */
    long seed(Long requested) {
        return requested != null ? requested : SEEDS.nextLong();
    }

    /** 202 with the evaluation and its address. */
    Response accepted(EvaluationView view, UriInfo uri) {
        return Response.accepted(view)
                .location(uri.getBaseUriBuilder().path("api/evaluations").path(view.id().toString()).build())
                .build();
    }
}
