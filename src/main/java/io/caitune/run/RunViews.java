package io.caitune.run;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/** What the run endpoints show: runs with their settings and counts, and samples with their rounds and review. */
@ApplicationScoped
public class RunViews {

    private final EntityManager em;
    private final RunLookup lookup;

    public RunViews(EntityManager em, RunLookup lookup) {
        this.em = em;
        this.lookup = lookup;
    }

    @Transactional
    public RunView view(UUID id) {
        Run run = lookup.run(id);
        return RunView.of(run, run.mode == RunMode.PREFERENCE ? preferenceOf(List.of(run.id)).get(run.id) : null);
    }

    @Transactional
    public List<RunView> list() {
        List<Run> runs = Run.<Run>list("order by createdAt desc");
        Map<UUID, RunView.Preference> preference = preferenceOf(
                runs.stream().filter(r -> r.mode == RunMode.PREFERENCE).map(r -> r.id).toList());
        return runs.stream().map(r -> RunView.of(r, preference.get(r.id))).toList();
    }

    /** The preference settings of the given runs, in one query. */
    private Map<UUID, RunView.Preference> preferenceOf(List<UUID> runIds) {
        if (runIds.isEmpty()) {
            return Map.of();
        }
        return em.createQuery("select runId, answers, temperature, chainOfThought from PreferenceSettings "
                + "where runId in ?1", Object[].class).setParameter(1, runIds).getResultStream()
                .collect(Collectors.toMap(row -> (UUID) row[0], row -> new RunView.Preference(
                        (Integer) row[1], (Double) row[2], (Boolean) row[3])));
    }

    @Transactional
    public Page<SampleView> samples(UUID runId, int page, int size, SampleFilter filter) {
        lookup.run(runId);
        Map<String, Object> parameters = SampleFilter.parameters();
        String where = " from Sample s where s.runId = :run" + filter.where(parameters);
        parameters.put("run", runId);
        var select = em.createQuery("select s" + where + " order by s.position", Sample.class)
                .setFirstResult(page * size).setMaxResults(size);
        var count = em.createQuery("select count(s)" + where, Long.class);
        parameters.forEach((name, value) -> {
            select.setParameter(name, value);
            count.setParameter(name, value);
        });
        List<Sample> samples = select.getResultList();
        Map<UUID, List<SampleRound>> rounds = lookup.roundsOf(samples.stream().map(s -> s.id).toList());
        return new Page<>(page, size, count.getSingleResult(),
                samples.stream().map(s -> SampleView.of(s, rounds.getOrDefault(s.id, List.of()))).toList());
    }

    @Transactional
    public SampleView sample(UUID runId, UUID sampleId) {
        Sample sample = lookup.sample(runId, sampleId);
        return SampleView.of(sample, lookup.roundsOf(List.of(sampleId)).getOrDefault(sampleId, List.of()));
    }
}
