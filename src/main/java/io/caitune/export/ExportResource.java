package io.caitune.export;

import io.caitune.run.ReviewFilter;
import io.caitune.run.RunLookup;
import io.caitune.run.RunMode;
import io.caitune.security.Roles;
import io.caitune.web.ProblemException;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.inject.Instance;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

import java.util.UUID;

@Path("/api/runs/{id}/export")
@RolesAllowed(Roles.VIEWER)
@Tag(name = "Exports")
public class ExportResource {

    private final Instance<ExportWriter> writers;
    private final RunLookup runs;

    public ExportResource(Instance<ExportWriter> writers, RunLookup runs) {
        this.writers = writers;
        this.runs = runs;
    }

    @GET
    @Operation(summary = "Stream a run's completed samples as CSV or TRL-ready JSONL (SFT or DPO), or its comparisons as CSV; "
            + "review=accepted|not-rejected|any (default not-rejected) picks samples by human review, and edited "
            + "revisions replace the model's")
    @APIResponse(responseCode = "200", description = "The file, streamed: text/csv for csv and comparisons-csv, "
            + "application/x-ndjson for sft-jsonl, dpo-jsonl and dpo-conversational-jsonl",
            content = { @Content(mediaType = "text/csv", schema = @Schema(type = SchemaType.STRING)),
                    @Content(mediaType = "application/x-ndjson", schema = @Schema(type = SchemaType.STRING)) })
    @APIResponse(responseCode = "400", description = "Unknown format or review filter, or malformed id",
            content = @Content(mediaType = "application/problem+json"))
    @APIResponse(responseCode = "404", description = "No such run", content = @Content(mediaType = "application/problem+json"))
    @APIResponse(responseCode = "409", description = "The format does not fit the run: 'csv' (revisions) of a preference "
            + "run; the problem names the formats that do", content = @Content(mediaType = "application/problem+json"))
    public Response export(@RestPath UUID id,
            @Parameter(description = "csv (text/csv), sft-jsonl (application/x-ndjson), dpo-jsonl "
                    + "(application/x-ndjson), dpo-conversational-jsonl (application/x-ndjson), comparisons-csv (text/csv)",
                    schema = @Schema(type = SchemaType.STRING, defaultValue = "csv", enumeration = { "csv", "sft-jsonl",
                            "dpo-jsonl", "dpo-conversational-jsonl", "comparisons-csv" }))
            @RestQuery @DefaultValue("csv") String format,
            @Parameter(description = "which samples by human review: accepted, not-rejected (default) or any",
                    schema = @Schema(type = SchemaType.STRING, defaultValue = ReviewFilter.DEFAULT,
                            enumeration = { "accepted", "not-rejected", "any" }))
            @RestQuery @DefaultValue(ReviewFilter.DEFAULT) String review) {
        ExportFormat exportFormat = ExportFormat.byName(format).orElseThrow(() -> ProblemException.badRequest(
                "Unknown export format '" + format + "'; supported: " + ExportFormat.names()));
        ReviewFilter reviewFilter = ReviewFilter.byName(review).orElseThrow(() -> ProblemException.badRequest(
                "Unknown review filter '" + review + "'; supported: " + ReviewFilter.names()));
        RunMode mode = QuarkusTransaction.requiringNew().call(() -> runs.run(id).mode);
        if (mode == RunMode.PREFERENCE && exportFormat == ExportFormat.CSV) {
            // a preference run has no critiques or revisions: the revisions CSV would be rows of prompts only
            throw ProblemException.conflict("Run " + id + " is a preference run: it has no critiques or revisions for "
                    + "the revisions CSV. Export its pairs as 'dpo-jsonl' (or 'dpo-conversational-jsonl'), its "
                    + "comparisons as 'comparisons-csv', or the chosen answers as 'sft-jsonl'");
        }
        ExportWriter writer = writers.stream().filter(w -> w.format() == exportFormat && w.reads(mode)).findFirst()
                .orElseThrow(() -> ProblemException.conflict("Run " + id + " is a " + mode + " run; '"
                        + exportFormat.formatName() + "' does not fit it"));
        StreamingOutput body = out -> writer.write(id, reviewFilter, out);
        return Response.ok(body, exportFormat.mediaType() + "; charset=UTF-8")
                .header("Content-Disposition",
                        "attachment; filename=\"run-" + id + "." + exportFormat.extension() + "\"")
                .build();
    }
}
