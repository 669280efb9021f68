package io.caitune.evaluation;

import io.caitune.run.Run;
import io.caitune.run.RunMode;
import io.caitune.run.RunLookup;
import io.caitune.security.Roles;
import io.caitune.web.ProblemException;
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
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;

import java.util.List;
import java.util.UUID;

@Path("/api/runs/{id}/evaluations")
@RolesAllowed(Roles.VIEWER)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Evaluations")
public class EvaluationResource {

    private final EvaluationStore store;
    private final EvaluationStarter starter;
    private final RunLookup runs;

    public EvaluationResource(EvaluationStore store, EvaluationStarter starter, RunLookup runs) {
        this.store = store;
        this.starter = starter;
        this.runs = runs;
    }

    @RolesAllowed(Roles.OPERATOR)
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Judge an SFT run's revisions against its initial answers (both orders, every comparison principle)")
    @APIResponse(responseCode = "202", description = "Accepted: the evaluation runs in the background; Location names it",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = EvaluationView.class)))
    @APIResponse(responseCode = "400", description = "Invalid request; the problem JSON names the fields",
            content = @Content(mediaType = "application/problem+json"))
    @APIResponse(responseCode = "404", description = "The run does not exist",
            content = @Content(mediaType = "application/problem+json"))
    @APIResponse(responseCode = "409", description = "The run is a preference run or has no completed samples yet",
            content = @Content(mediaType = "application/problem+json"))
    @APIResponse(responseCode = "415", description = "The body is not JSON")
    public Response create(@RestPath UUID id, @Valid EvaluationRequest request, UriInfo uri) {
        EvaluationRequest r = request != null ? request : new EvaluationRequest(null, null, null);
        int samples = starter.samples(r.samples());
        long seed = starter.seed(r.seed());
        return starter.start(() -> {
            Run run = runs.run(id);
            if (run.mode != RunMode.SFT) {
                throw ProblemException.conflict("Run " + id + " is a " + run.mode + " run; evaluations judge an SFT "
                        + "run's revisions against its initial answers (a preference run's comparisons are at "
                        + "/api/runs/" + id + "/comparisons; an imported preference dataset is judged at "
                        + "/api/datasets/{id}/evaluations)");
            }
            Evaluation created = store.create(run, samples, seed, Boolean.TRUE.equals(r.chainOfThought()));
            if (created == null) {
                throw ProblemException.conflict("Run " + id + " has no completed samples to evaluate yet");
            }
            return created;
        }, uri);
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
