package io.caitune.evaluation;

import io.caitune.security.Roles;
import io.caitune.web.ProblemException;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;

import java.util.UUID;

@Path("/api/evaluations")
@RolesAllowed(Roles.VIEWER)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Evaluations")
public class EvaluationByIdResource {

    private final EvaluationStore store;

    public EvaluationByIdResource(EvaluationStore store) {
        this.store = store;
    }

    @GET
    @Path("/{id}")
    @Transactional
    @Operation(summary = "An evaluation: win rate of the revisions with a Wilson 95% interval, overall and per principle")
    public EvaluationView get(@RestPath UUID id) {
        Evaluation e = ProblemException.found(Evaluation.findById(id), "Evaluation", id);
        return store.view(e);
    }
}
