package io.caitune.review;

import io.caitune.run.SampleView;
import io.caitune.security.CurrentUser;
import io.caitune.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;

import java.util.UUID;

@Path("/api/runs/{id}/samples/{sampleId}/review")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Review")
@RolesAllowed(Roles.OPERATOR)
public class ReviewResource {

    private final ReviewService reviews;

    public ReviewResource(ReviewService reviews) {
        this.reviews = reviews;
    }

    @RolesAllowed(Roles.OPERATOR)
    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Accept or reject a completed sample's final revision, optionally with an edited text "
            + "(accepted only); records who and when. Exports and training use the edit and skip rejected samples")
    public SampleView review(@RestPath UUID id, @RestPath UUID sampleId,
            @Valid @NotNull(message = "a JSON body is required") ReviewRequest request) {
        // who reviewed: the signed-in user, as in every other audit field
        return reviews.review(id, sampleId, request, CurrentUser.name());
    }

    @RolesAllowed(Roles.OPERATOR)
    @DELETE
    @Operation(summary = "Withdraw a sample's review: it is unreviewed again")
    public void clear(@RestPath UUID id, @RestPath UUID sampleId) {
        reviews.clear(id, sampleId);
    }
}
