package io.caitune.evaluation;

import io.caitune.constitution.Constitution;
import io.caitune.dataset.Dataset;
import io.caitune.dataset.DatasetStore;
import io.caitune.security.Roles;
import io.caitune.web.ProblemException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
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

/**
 * Evaluations of an imported preference dataset: how often the feedback model, asked in both orders under a
 * constitution's comparison principles, prefers each pair's chosen answer to its rejected one — its agreement with
 * the dataset's labels, before the pairs are trained on or used as a judge's benchmark.
 */
@Path("/api/datasets/{id}/evaluations")
@RolesAllowed(Roles.VIEWER)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Evaluations")
public class DatasetEvaluationResource {

    private final EvaluationStore store;
    private final EvaluationStarter starter;
    private final DatasetStore datasets;

    public DatasetEvaluationResource(EvaluationStore store, EvaluationStarter starter, DatasetStore datasets) {
        this.store = store;
        this.starter = starter;
        this.datasets = datasets;
    }

    @RolesAllowed(Roles.OPERATOR)
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Judge a preference dataset's chosen answers against its rejected ones (both orders, every "
            + "comparison principle of the constitution)")
    @APIResponse(responseCode = "202", description = "Accepted: the evaluation runs in the background; Location names it",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = EvaluationView.class)))
    @APIResponse(responseCode = "400", description = "Invalid request; the problem JSON names the fields",
            content = @Content(mediaType = "application/problem+json"))
    @APIResponse(responseCode = "404", description = "The dataset or the constitution does not exist",
            content = @Content(mediaType = "application/problem+json"))
    @APIResponse(responseCode = "409", description = "The dataset holds no preference pairs",
            content = @Content(mediaType = "application/problem+json"))
    @APIResponse(responseCode = "415", description = "The body is not JSON")
    public Response create(@RestPath UUID id, @Valid @NotNull(message = "is required") PairsEvaluationRequest request,
            UriInfo uri) {
        int samples = starter.samples(request.samples());
        long seed = starter.seed(request.seed());
        return starter.start(() -> {
            Dataset dataset = datasets.find(id);
            Constitution constitution = ProblemException.found(Constitution.findById(request.constitutionId()),
                    "Constitution", request.constitutionId());
            Evaluation created = store.create(dataset, constitution, request.model(), samples, seed,
                    Boolean.TRUE.equals(request.chainOfThought()));
            if (created == null) {
                throw ProblemException.conflict("Dataset " + id + " holds no preference pairs (rows with a prompt, "
                        + "a chosen and a different rejected answer) to evaluate");
            }
            return created;
        }, uri);
    }

    @GET
    @Transactional
    @Operation(summary = "A dataset's evaluations, newest first, with their results")
    public List<EvaluationView> list(@RestPath UUID id) {
        datasets.find(id);
        return Evaluation.<Evaluation>list("datasetId = ?1 order by createdAt desc", id).stream().map(store::view)
                .toList();
    }
}
