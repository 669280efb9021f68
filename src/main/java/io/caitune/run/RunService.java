package io.caitune.run;

import io.caitune.config.CaiConfig;
import io.caitune.constitution.Constitution;
import io.caitune.dataset.DatasetPrompt;
import io.caitune.dataset.DatasetStore;
import io.caitune.security.CurrentUser;
import io.caitune.web.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

@ApplicationScoped
public class RunService {

    private static final int BATCH = 1000;
    private static final SecureRandom SEEDS = new SecureRandom();

    private final CaiConfig config;
    private final EntityManager em;

    public RunService(CaiConfig config, EntityManager em) {
        this.config = config;
        this.em = em;
    }

    /** Creates the run and one pending sample per prompt, all or nothing. */
    @Transactional
    public Run create(RunRequest request) {
        boolean inline = request.prompts() != null && !request.prompts().isEmpty();
        if (inline == (request.datasetId() != null)) {
            throw ProblemException.badRequest("Give either 'datasetId' or a non-empty 'prompts' list (not both)");
        }
        int revisions = request.revisions() == null ? config.pipeline().defaultRevisions() : request.revisions();
        if (revisions > config.pipeline().maxRevisions()) {
            throw ProblemException.badRequest("'revisions' must be at most " + config.pipeline().maxRevisions()
                    + " (cai.pipeline.max-revisions)");
        }
        if (Constitution.findById(request.constitutionId()) == null) {
            throw ProblemException.notFound("Constitution", request.constitutionId());
        }
        int total = inline ? request.prompts().size() : DatasetStore.find(request.datasetId()).size;
        if (total > config.pipeline().maxPrompts()) {
            throw ProblemException.badRequest("A run may hold at most " + config.pipeline().maxPrompts()
                    + " prompts (cai.pipeline.max-prompts); this one has " + total);
        }

        Run run = new Run();
        run.id = UUID.randomUUID();
        run.constitutionId = request.constitutionId();
        run.datasetId = request.datasetId();
        run.mode = request.runMode();
        if (run.mode != RunMode.PREFERENCE && request.preference() != null) {
            throw ProblemException.badRequest("'preference' settings apply only to \"mode\": \"preference\"");
        }
        if (run.mode == RunMode.PREFERENCE && Boolean.TRUE.equals(request.skipUnneededRevisions())) {
            throw ProblemException.badRequest("'skipUnneededRevisions' applies only to \"mode\": \"sft\"");
        }
        run.status = RunStatus.QUEUED;
        run.revisions = revisions;
        run.fewShotLayout = request.layout();
        run.skipUnneededRevisions = Boolean.TRUE.equals(request.skipUnneededRevisions());
        run.seed = request.seed() != null ? request.seed() : SEEDS.nextLong();
        RunRequest.ModelSettings model = request.model();
        if (model != null) {
            run.modelId = model.id() == null || model.id().isBlank() ? null : model.id().strip();
            run.temperature = model.temperature();
            run.maxNewTokens = model.maxNewTokens();
            run.topP = model.topP();
        }
        run.total = total;
        run.createdAt = Instant.now();
        run.createdBy = CurrentUser.name();
        run.persist();
        if (run.mode == RunMode.PREFERENCE) {
            io.caitune.preference.PreferenceSettings.create(run.id, request.preference());
        }

        if (inline) {
            for (int i = 0; i < total; i++) {
                persistSample(run.id, i, String.valueOf(i + 1), request.prompts().get(i), null, null);
                if (i % BATCH == BATCH - 1) {
                    // keep the persistence context small: a run may hold a million prompts
                    em.flush();
                    em.clear();
                }
            }
        } else {
            for (int offset = 0; offset < total; offset += BATCH) {
                List<DatasetPrompt> page = em.createQuery("from DatasetPrompt where datasetId = ?1 and position >= ?2 "
                        + "order by position", DatasetPrompt.class)
                        .setParameter(1, run.datasetId).setParameter(2, offset).setMaxResults(BATCH).getResultList();
                for (DatasetPrompt p : page) {
                    persistSample(run.id, p.position, p.externalId, p.prompt, p.target, p.metadata);
                }
                em.flush();
                em.clear();
            }
        }
        return run;
    }

    @Transactional
    public RunView view(UUID id) {
        Run run = find(id);
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
        find(runId);
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
        Map<UUID, List<SampleRound>> rounds = roundsOf(samples.stream().map(s -> s.id).toList());
        return new Page<>(page, size, count.getSingleResult(),
                samples.stream().map(s -> SampleView.of(s, rounds.getOrDefault(s.id, List.of()))).toList());
    }

    @Transactional
    public SampleView sample(UUID runId, UUID sampleId) {
        Sample sample = findSample(runId, sampleId);
        return SampleView.of(sample, roundsOf(List.of(sampleId)).getOrDefault(sampleId, List.of()));
    }

    /** The sample, when it belongs to the run; 404 otherwise. */
    public static Sample findSample(UUID runId, UUID sampleId) {
        find(runId);
        Sample sample = Sample.findById(sampleId);
        if (sample == null || !sample.runId.equals(runId)) {
            throw ProblemException.notFound("Sample", sampleId);
        }
        return sample;
    }

    /** Rounds of the given samples in one query, in round order. */
    public static Map<UUID, List<SampleRound>> roundsOf(Collection<UUID> sampleIds) {
        if (sampleIds.isEmpty()) {
            return Map.of();
        }
        return SampleRound.<SampleRound>list("sampleId in ?1 order by round", sampleIds).stream()
                .collect(Collectors.groupingBy(r -> r.sampleId));
    }

    /** Cancels a run: no new stage starts; samples already finished are kept. */
    @Transactional
    public Run cancel(UUID id) {
        Run run = require(id, "cancelled", RunStatus.QUEUED, RunStatus.RUNNING, RunStatus.PAUSED);
        run.status = RunStatus.CANCELLED;
        run.finishedAt = Instant.now();
        run.cancelledAt = run.finishedAt;
        run.cancelledBy = CurrentUser.name();
        return run;
    }

    /** Pauses a run: samples in flight stop after their current stage and are picked up again on resume. */
    @Transactional
    public Run pause(UUID id) {
        Run run = require(id, "paused", RunStatus.QUEUED, RunStatus.RUNNING);
        run.status = RunStatus.PAUSED;
        run.pausedAt = Instant.now();
        run.pausedBy = CurrentUser.name();
        return run;
    }

    @Transactional
    public Run resume(UUID id) {
        Run run = require(id, "resumed", RunStatus.PAUSED);
        run.status = RunStatus.RUNNING;
        // the reason of a pause by the pipeline (e.g. the endpoint refused the API key) is over once resumed
        run.error = null;
        if (run.startedAt == null) {
            run.startedAt = Instant.now();
        }
        return run;
    }

    /** Puts the failed samples back in the queue; the stages they had finished are kept. */
    @Transactional
    public Run retryFailed(UUID id) {
        Run run = require(id, "retried", RunStatus.RUNNING, RunStatus.PAUSED, RunStatus.COMPLETED,
                RunStatus.COMPLETED_WITH_FAILURES, RunStatus.FAILED);
        int reset = em.createQuery("update Sample set status = ?1, error = null, updatedAt = ?2 "
                + "where runId = ?3 and status = ?4")
                .setParameter(1, SampleStatus.PENDING).setParameter(2, Instant.now()).setParameter(3, id)
                .setParameter(4, SampleStatus.FAILED).executeUpdate();
        if (reset == 0) {
            throw ProblemException.conflict("Run " + id + " has no failed samples to retry");
        }
        run.failed -= reset;
        if (run.status.isFinal()) {
            run.status = RunStatus.RUNNING;
            run.finishedAt = null;
            run.error = null;
        }
        return run;
    }

    private Run require(UUID id, String action, RunStatus... allowed) {
        // the row lock orders this change with the pipeline's own counter updates on the run
        Run run = Run.findById(id, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
        if (run == null) {
            throw ProblemException.notFound("Run", id);
        }
        if (!java.util.Arrays.asList(allowed).contains(run.status)) {
            throw ProblemException.conflict("Run " + id + " is " + run.status + " and cannot be " + action);
        }
        return run;
    }

    public static Run find(UUID id) {
        Run run = Run.findById(id);
        if (run == null) {
            throw ProblemException.notFound("Run", id);
        }
        return run;
    }

    private void persistSample(UUID runId, int position, String promptId, String prompt, String target,
            String metadata) {
        Sample sample = new Sample();
        sample.id = UUID.randomUUID();
        sample.runId = runId;
        sample.position = position;
        sample.promptId = promptId;
        sample.prompt = prompt;
        sample.target = target;
        sample.metadata = metadata;
        sample.status = SampleStatus.PENDING;
        sample.updatedAt = Instant.now();
        em.persist(sample);
    }
}
