package io.caitune.evaluation;

import io.caitune.preference.PreferenceConfig;
import io.caitune.run.Run;
import io.caitune.run.RunMode;
import io.caitune.run.RunLookup;
import io.caitune.security.Roles;
import io.caitune.web.ProblemException;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;

import java.security.SecureRandom;
import java.util.List;
import java.util.UUID;

@Path("/api/runs/{id}/evaluations")
@RolesAllowed(Roles.VIEWER)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Evaluations")
public class EvaluationResource {

    private static final SecureRandom SEEDS = new SecureRandom();

    private final EvaluationStore store;
    private final EvaluationRunner runner;
    private final PreferenceConfig config;
    private final RunLookup runs;

    public EvaluationResource(EvaluationStore store, EvaluationRunner runner, PreferenceConfig config,
            RunLookup runs) {
        this.store = store;
        this.runner = runner;
        this.config = config;
        this.runs = runs;
    }

    @RolesAllowed(Roles.OPERATOR)
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Judge an SFT run's revisions against its initial answers (both orders, every comparison principle)")
    public Response create(@RestPath UUID id, @Valid EvaluationRequest request, UriInfo uri) {
        EvaluationRequest r = request != null ? request : new EvaluationRequest(null, null, null);
        int samples = r.samples() != null ? r.samples() : config.evaluation().defaultSamples();
        if (samples > config.evaluation().maxSamples()) {
            throw ProblemException.badRequest("'samples' must be at most " + config.evaluation().maxSamples()
                    + " (cai.preference.evaluation.max-samples)");
        }
        long seed = r.seed() != null ? r.seed() : SEEDS.nextLong();
        Evaluation evaluation = QuarkusTransaction.requiringNew().call(() -> {
            Run run = runs.run(id);
            if (run.mode != RunMode.SFT) {
                throw ProblemException.conflict("Run " + id + " is a " + run.mode + " run; evaluations judge an SFT "
                        + "run's revisions against its initial answers (a preference run's comparisons are at "
                        + "/api/runs/" + id + "/comparisons)");
            }
            Evaluation created = store.create(run, samples, seed, Boolean.TRUE.equals(r.chainOfThought()));
            if (created == null) {
                throw ProblemException.conflict("Run " + id + " has no completed samples to evaluate yet");
            }
            return created;
        });
        runner.submit(evaluation.id);
        return Response.accepted(store.view(evaluation))
                .location(uri.getBaseUriBuilder().path("api/evaluations").path(evaluation.id.toString()).build())
                .build();
    }

    @GET
    @Transactional
    @Operation(summary = "A run's evaluations, newest first, with their results")
    public List<EvaluationView> list(@RestPath UUID id) {
        runs.run(id);
        return Evaluation.<Evaluation>list("runId = ?1 order by createdAt desc", id).stream().map(store::view)
                .toList();
    }
}
