package io.caitune.training;

import io.caitune.training.generate.GenerateRequest;
import io.caitune.training.generate.GenerateResponse;
import io.caitune.training.generate.Generator;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import io.caitune.security.Roles;
import io.caitune.web.Responses;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;

import java.util.List;
import java.util.UUID;

@Path("/api/models")
@RolesAllowed(Roles.VIEWER)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Models")
public class ModelResource {

    private final ModelRegistry registry;
    private final Generator generator;

    public ModelResource(ModelRegistry registry, Generator generator) {
        this.registry = registry;
        this.generator = generator;
    }

    @GET
    public List<ModelView> list() {
        return registry.list().stream().map(ModelView::of).toList();
    }

    @GET
    @Path("/{id}")
    public ModelView get(@RestPath UUID id) {
        return ModelView.of(registry.find(id));
    }

    @RolesAllowed(Roles.ADMIN)
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Register a local Hugging Face GPT-2 directory (config.json, model.safetensors, tokenizer.json)")
    public Response register(@Valid @NotNull(message = "a JSON body is required") Registration registration,
            UriInfo uri) {
        LanguageModel model = registry.register(registration.name(), registration.path(), null);
        return Responses.created(uri, model.id, ModelView.of(model));
    }

    @RolesAllowed(Roles.ADMIN)
    @POST
    @Path("/{id}/generate")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Generate with beam search and n-gram blocking; returns the best sequences with scores")
    public GenerateResponse generate(@RestPath UUID id,
            @Valid @NotNull(message = "a JSON body is required") GenerateRequest request) {
        return generator.generate(registry.find(id), request);
    }

    public record Registration(
            @Size(max = ModelRegistry.MAX_NAME, message = "must be at most " + ModelRegistry.MAX_NAME + " characters")
            String name,
            @NotBlank(message = "must name a model directory") @Size(max = 4096, message = "must be at most 4096 characters")
            String path) {
    }
}
