package io.caitune.evaluation;

import io.caitune.preference.PreferenceConfig;
import io.caitune.web.ProblemException;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.security.SecureRandom;
import java.util.concurrent.Callable;

/**
 * What every evaluation request shares, whatever it judges: the sample count within its limit, the seed, and the
 * start itself (stored in its own transaction, then judged in the background, answered 202 with its address).
 */
@ApplicationScoped
public class EvaluationStarter {

    private static final SecureRandom SEEDS = new SecureRandom();

    private final PreferenceConfig config;
    private final EvaluationStore store;
    private final EvaluationRunner runner;

    public EvaluationStarter(PreferenceConfig config, EvaluationStore store, EvaluationRunner runner) {
        this.config = config;
        this.store = store;
        this.runner = runner;
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

    /**
     * Stores the evaluation {@code create} makes (a problem it throws leaves nothing stored), starts judging it and
     * answers 202 with the evaluation and its address.
     */
    Response start(Callable<Evaluation> create, UriInfo uri) {
        Evaluation evaluation = QuarkusTransaction.requiringNew().call(create);
        runner.submit(evaluation.id);
        return Response.accepted(store.view(evaluation))
                .location(uri.getBaseUriBuilder().path("api/evaluations").path(evaluation.id.toString()).build())
                .build();
    }
}
