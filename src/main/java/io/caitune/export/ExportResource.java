package io.caitune.export;

import io.caitune.preference.ComparisonsCsvWriter;
import io.caitune.preference.DpoJsonlWriter;
import io.caitune.run.ReviewFilter;
import io.caitune.run.RunService;
import io.caitune.web.ProblemException;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

import java.util.UUID;

@Path("/api/runs/{id}/export")
@Tag(name = "Exports")
public class ExportResource {

    private final RevisionsCsvWriter csv;
    private final SftJsonlWriter sft;
    private final DpoJsonlWriter dpo;
    private final ComparisonsCsvWriter comparisons;

    public ExportResource(RevisionsCsvWriter csv, SftJsonlWriter sft, DpoJsonlWriter dpo,
            ComparisonsCsvWriter comparisons) {
        this.csv = csv;
        this.sft = sft;
        this.dpo = dpo;
        this.comparisons = comparisons;
    }

    @GET
    @Operation(summary = "Stream a run's completed samples as CSV or TRL-ready JSONL (SFT or DPO), or its comparisons as CSV; "
            + "review=accepted|not-rejected|any (default not-rejected) picks samples by human review, and edited "
            + "revisions replace the model's")
    public Response export(@RestPath UUID id, @RestQuery @DefaultValue("csv") String format,
            @RestQuery @DefaultValue(ReviewFilter.DEFAULT) String review) {
        ExportFormat exportFormat = ExportFormat.byName(format).orElseThrow(() -> ProblemException.badRequest(
                "Unknown export format '" + format + "'; supported: " + ExportFormat.names()));
        ReviewFilter reviewFilter = ReviewFilter.byName(review).orElseThrow(() -> ProblemException.badRequest(
                "Unknown review filter '" + review + "'; supported: " + ReviewFilter.names()));
        QuarkusTransaction.requiringNew().run(() -> RunService.find(id));
        ExportWriter writer = switch (exportFormat) {
            case CSV -> csv;
            case SFT_JSONL -> sft;
            case DPO_JSONL -> dpo;
            case COMPARISONS_CSV -> comparisons;
        };
        StreamingOutput body = out -> writer.write(id, reviewFilter, out);
        return Response.ok(body, exportFormat.mediaType() + "; charset=UTF-8")
                .header("Content-Disposition",
                        "attachment; filename=\"run-" + id + "." + exportFormat.extension() + "\"")
                .build();
    }
}
