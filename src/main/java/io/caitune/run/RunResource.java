package io.caitune.run;

import io.caitune.security.Roles;
import io.caitune.web.Paging;
import io.caitune.web.ProblemException;
import io.caitune.web.Responses;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
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
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.RestStreamElementType;
import io.smallrye.mutiny.Multi;

import java.util.List;
import java.util.UUID;

@Path("/api/runs")
@RolesAllowed(Roles.VIEWER)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Runs")
public class RunResource {

    static final int MAX_PAGE_SIZE = 500;

    private final RunCreator creator;
    private final RunViews runs;
    private final RunTransitions transitions;
    private final RunStarter starter;
    private final RunProgressEvents progress;

    public RunResource(RunCreator creator, RunViews runs, RunTransitions transitions, RunStarter starter,
            RunProgressEvents progress) {
        this.creator = creator;
        this.runs = runs;
        this.transitions = transitions;
        this.starter = starter;
        this.progress = progress;
    }

    @RolesAllowed(Roles.OPERATOR)
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Start a run: initial answer, then critique and revision rounds, for every prompt "
            + "(or, in mode preference, K answers and their comparisons)")
    @APIResponse(responseCode = "202", description = "Accepted: the run is queued; Location names it",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Accepted.class)))
    @APIResponse(responseCode = "400", description = "Invalid request; the problem JSON names the fields",
            content = @Content(mediaType = "application/problem+json"))
    @APIResponse(responseCode = "404", description = "The constitution or dataset does not exist",
            content = @Content(mediaType = "application/problem+json"))
    @APIResponse(responseCode = "415", description = "The body is not JSON")
    public Response create(@Valid @NotNull(message = "a JSON body is required") RunRequest request, UriInfo uri) {
        Run run = creator.create(request);
        starter.start(run.id);
        return Responses.accepted(uri, run.id, new Accepted(run.id, run.status));
    }

    @GET
    public List<RunView> list() {
        return runs.list();
    }

    @GET
    @Path("/{id}")
    @APIResponse(responseCode = "200", description = "The run, its settings and counts",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RunView.class)))
    @APIResponse(responseCode = "400", description = "Malformed id")
    @APIResponse(responseCode = "404", description = "No such run")
    public RunView get(@RestPath UUID id) {
        return runs.view(id);
    }

    @GET
    @Path("/{id}/samples")
    @Operation(summary = "Samples in prompt order, with every stage's result and their review; filter by status, "
            + "principle (used in any round), review (pending|accepted|rejected|edited) and text (q)")
    public Page<SampleView> samples(@RestPath UUID id, @RestQuery @DefaultValue("0") int page,
            @RestQuery @DefaultValue("50") int size, @RestQuery String status, @RestQuery String principle,
            @RestQuery String review, @RestQuery String q) {
        Paging.check(page, size, MAX_PAGE_SIZE);
        return runs.samples(id, page, size, SampleFilter.of(status == null || status.isBlank() ? null
                : sampleStatus(status), principle, review, q));
    }

    @GET
    @Path("/{id}/samples/{sampleId}")
    @Operation(summary = "One sample with every stage's result and its review")
    @APIResponse(responseCode = "200", description = "The sample")
    @APIResponse(responseCode = "400", description = "Malformed id", content = @Content(mediaType = "application/problem+json"))
    @APIResponse(responseCode = "404", description = "No such run, or no such sample in it",
            content = @Content(mediaType = "application/problem+json"))
    public SampleView sample(@RestPath UUID id, @RestPath UUID sampleId) {
        return runs.sample(id, sampleId);
    }

    @RolesAllowed(Roles.OPERATOR)
    @POST
    @Path("/{id}/cancel")
    @Operation(summary = "Cancel a queued, running or paused run; samples already finished are kept")
    public RunView cancel(@RestPath UUID id) {
        transitions.cancel(id);
        return runs.view(id);
    }

    @RolesAllowed(Roles.OPERATOR)
    @POST
    @Path("/{id}/pause")
    @Operation(summary = "Pause a run: samples in flight stop after their current stage")
    public RunView pause(@RestPath UUID id) {
        transitions.pause(id);
        return runs.view(id);
    }

    @RolesAllowed(Roles.OPERATOR)
    @POST
    @Path("/{id}/resume")
    @Operation(summary = "Resume a paused run where it stopped")
    public RunView resume(@RestPath UUID id) {
        transitions.resume(id);
        starter.start(id);
        return runs.view(id);
    }

    @RolesAllowed(Roles.OPERATOR)
    @POST
    @Path("/{id}/retry-failed")
    @Operation(summary = "Queue the failed samples again; stages they had finished are kept")
    public RunView retryFailed(@RestPath UUID id) {
        transitions.retryFailed(id);
        starter.start(id);
        return runs.view(id);
    }

    @GET
    @Path("/{id}/events")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    @io.smallrye.common.annotation.Blocking
    @Operation(summary = "Progress as Server-Sent Events (counts, throughput, ETA) until the run ends")
    public Multi<RunProgress> events(@RestPath UUID id) {
        runs.view(id);
        return progress.stream(id);
    }

    private static SampleStatus sampleStatus(String status) {
        try {
            return SampleStatus.valueOf(status.toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("Unknown sample status '" + status + "'; expected one of "
                    + java.util.Arrays.toString(SampleStatus.values()));
        }
    }

    public record Accepted(UUID id, RunStatus status) {
    }
}
