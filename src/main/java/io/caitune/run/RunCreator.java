package io.caitune.run;

import io.caitune.config.CaiConfig;
import io.caitune.constitution.Constitution;
import io.caitune.dataset.DatasetStore;
import io.caitune.security.CurrentUser;
import io.caitune.web.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.UUID;

/** Checks a run request against the configured limits and stores the run with one pending sample per prompt. */
@ApplicationScoped
public class RunCreator {

    private static final SecureRandom SEEDS = new SecureRandom();

    private final CaiConfig config;
    private final DatasetStore datasets;
    private final SampleCopy samples;

    public RunCreator(CaiConfig config, DatasetStore datasets, SampleCopy samples) {
        this.config = config;
        this.datasets = datasets;
        this.samples = samples;
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
        ProblemException.found(Constitution.findById(request.constitutionId()), "Constitution",
                request.constitutionId());
        int total = inline ? request.prompts().size() : datasets.find(request.datasetId()).size;
        if (total > config.pipeline().maxPrompts()) {
            throw ProblemException.badRequest("A run may hold at most " + config.pipeline().maxPrompts()
                    + " prompts (cai.pipeline.max-prompts); this one has " + total);
        }
        RunMode mode = request.runMode();
        if (mode != RunMode.PREFERENCE && request.preference() != null) {
            throw ProblemException.badRequest("'preference' settings apply only to \"mode\": \"preference\"");
        }
        if (mode == RunMode.PREFERENCE && Boolean.TRUE.equals(request.skipUnneededRevisions())) {
            throw ProblemException.badRequest("'skipUnneededRevisions' applies only to \"mode\": \"sft\"");
        }

        Run run = new Run();
        run.id = UUID.randomUUID();
        run.constitutionId = request.constitutionId();
        run.datasetId = request.datasetId();
        run.mode = mode;
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
            PreferenceSettings.create(run.id, request.preference());
        }
        if (inline) {
            samples.fromPrompts(run.id, request.prompts());
        } else {
            samples.fromDataset(run.id, run.datasetId, total);
        }
        return run;
    }
}
