package io.caitune.preview;

import io.caitune.constitution.Constitution;
import io.caitune.web.ProblemException;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.caitune.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;

import java.util.UUID;

@Path("/api/constitutions/{id}/preview")
@Tag(name = "Constitutions")
public class PreviewResource {

    private final PromptPreview preview;

    public PreviewResource(PromptPreview preview) {
        this.preview = preview;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    // reads only: it renders prompts and never calls the model or stores anything
    @RolesAllowed(Roles.VIEWER)
    @Operation(summary = "Show the exact messages every stage (answer, critique, revision, comparison) would send for "
            + "this constitution and a prompt, without calling the model")
    @APIResponse(responseCode = "200", description = "The messages per stage")
    @APIResponse(responseCode = "400", description = "Invalid request (problem JSON)")
    @APIResponse(responseCode = "404", description = "No such constitution")
    public Preview render(@RestPath UUID id, @Valid @NotNull(message = "a JSON body is required") PreviewRequest request) {
        Constitution constitution = QuarkusTransaction.requiringNew().call(() -> {
            Constitution c = ProblemException.found(Constitution.findById(id), "Constitution", id);
            // the few-shot collections are lazy: read them while the transaction is open
            c.fewShots.size();
            c.comparisonFewShots.size();
            c.comparisonPrinciples.size();
            return c;
        });
        return preview.render(constitution, request);
    }
}
