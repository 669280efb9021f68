package io.caitune.preference;

import io.caitune.run.RunLookup;
import io.caitune.run.Sample;
import io.caitune.security.Roles;
import io.caitune.web.Paging;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

@Path("/api/runs/{id}/comparisons")
@RolesAllowed(Roles.VIEWER)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Preference")
public class ComparisonResource {

    static final int MAX_PAGE_SIZE = 500;

    private final RunLookup runs;
    private final PreferenceStore store;

    public ComparisonResource(RunLookup runs, PreferenceStore store) {
        this.runs = runs;
        this.store = store;
    }

    /** A page of comparisons with the run's summary (agreement rate and counts by outcome). */
    public record ComparisonPage(ComparisonSummary summary, int page, int size, long total,
            List<ComparisonView> items) {
    }

    @GET
    @Transactional
    @Operation(summary = "A preference run's comparisons in prompt order, each with both orders' verdicts, and the run's agreement rate")
    public ComparisonPage list(@RestPath UUID id, @RestQuery @DefaultValue("0") int page,
            @RestQuery @DefaultValue("50") int size, @RestQuery Outcome outcome) {
        Paging.check(page, size, MAX_PAGE_SIZE);
        runs.run(id);
        String where = " from Comparison c, Sample s where s.id = c.sampleId and c.runId = :run"
                + (outcome == null ? "" : " and c.outcome = :outcome");
        var select = Comparison.getEntityManager()
                .createQuery("select c" + where + " order by s.position, c.pairIndex", Comparison.class)
                .setParameter("run", id).setFirstResult(page * size).setMaxResults(size);
        var count = Comparison.getEntityManager().createQuery("select count(c)" + where, Long.class)
                .setParameter("run", id);
        if (outcome != null) {
            select.setParameter("outcome", outcome);
            count.setParameter("outcome", outcome);
        }
        List<Comparison> comparisons = select.getResultList();
        List<UUID> sampleIds = comparisons.stream().map(c -> c.sampleId).distinct().toList();
        Map<UUID, Sample> samples = sampleIds.isEmpty() ? Map.of()
                : Sample.<Sample>list("id in ?1", sampleIds).stream()
                        .collect(Collectors.toMap(s -> s.id, Function.identity()));
        Map<UUID, Map<Integer, String>> answers = store.answersOf(sampleIds);
        Map<UUID, List<FeedbackVerdict>> verdicts = store
                .verdictsOf(comparisons.stream().map(c -> c.id).toList());
        List<ComparisonView> items = comparisons.stream()
                .map(c -> ComparisonView.of(c, samples.get(c.sampleId), answers.getOrDefault(c.sampleId, Map.of()),
                        verdicts.getOrDefault(c.id, List.of())))
                .toList();
        return new ComparisonPage(ComparisonSummary.of(id), page, size, count.getSingleResult(), items);
    }
}
