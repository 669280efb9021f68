package io.caitune.training;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
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

@Path("/api/training-jobs")
@RolesAllowed(Roles.VIEWER)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Training")
public class TrainingJobResource {

    private final TrainingJobService jobs;
    private final TrainingScheduler scheduler;

    public TrainingJobResource(TrainingJobService jobs, TrainingScheduler scheduler) {
        this.jobs = jobs;
        this.scheduler = scheduler;
    }

    @RolesAllowed(Roles.ADMIN)
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Queue a fine-tuning job on a run's revised samples or a dataset's targets")
    public Response create(@Valid @NotNull(message = "a JSON body is required") TrainingJobRequest request,
            UriInfo uri) {
        TrainingJob job = jobs.create(request);
        scheduler.dispatch();
        return Responses.accepted(uri, job.id, new Accepted(job.id, job.state));
    }

    @GET
    public List<TrainingJobView> list() {
        return jobs.list();
    }

    @GET
    @Path("/{id}")
    public TrainingJobView get(@RestPath UUID id) {
        return jobs.view(id);
    }

    @RolesAllowed(Roles.ADMIN)
    @POST
    @Path("/{id}/cancel")
    @Operation(summary = "Cancel a queued job, or stop a running one after its current step")
    public TrainingJobView cancel(@RestPath UUID id) {
        if (jobs.cancel(id) == JobState.RUNNING) {
            scheduler.cancel(id);
        }
        return jobs.view(id);
    }

    public record Accepted(UUID id, JobState state) {
    }
}
