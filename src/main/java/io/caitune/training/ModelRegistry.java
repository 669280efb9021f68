package io.caitune.training;

import io.caitune.security.CurrentUser;
import io.caitune.training.model.CausalLm;
import io.caitune.training.model.Gpt2Config;
import io.caitune.web.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The models the service knows: directories registered by users and checkpoints its jobs produced. */
@ApplicationScoped
public class ModelRegistry {

    private final TrainingConfig config;
    private final ModelDirectories directories;

    public ModelRegistry(TrainingConfig config, ModelDirectories directories) {
        this.config = config;
        this.directories = directories;
    }

    /** Registers a Hugging Face GPT-2 directory after checking it has the three files and a readable config. */
    @Transactional
    public LanguageModel register(String name, String path, UUID trainingJobId) {
        if (path == null || path.isBlank()) {
            throw ProblemException.badRequest("'path' must name a model directory");
        }
        Path dir = directories.confine(path);
        if (!Files.isDirectory(dir)) {
            throw ProblemException.badRequest("'path' " + dir + " is not a directory");
        }
        List<String> missing = CausalLm.missingFiles(dir);
        if (!missing.isEmpty()) {
            throw ProblemException.badRequest("'path' " + dir + " lacks " + String.join(", ", missing));
        }
        try {
            Gpt2Config.read(dir.resolve(CausalLm.CONFIG));
        } catch (IOException | RuntimeException e) {
            throw ProblemException.badRequest("'path' " + dir + " has no usable GPT-2 config.json: " + e.getMessage());
        }
        LanguageModel model = new LanguageModel();
        model.id = UUID.randomUUID();
        model.name = name == null || name.isBlank() ? dir.getFileName().toString() : name.strip();
        model.path = dir.toString();
        model.trainingJobId = trainingJobId;
        model.createdAt = Instant.now();
        model.createdBy = CurrentUser.name();
        model.persist();
        return model;
    }

    @Transactional
    public List<LanguageModel> list() {
        return LanguageModel.list("order by createdAt");
    }

    @Transactional
    public LanguageModel find(UUID id) {
        LanguageModel model = LanguageModel.findById(id);
        if (model == null) {
            throw ProblemException.notFound("Model", id);
        }
        return model;
    }

    /** One path segment: no separators, not '.' or '..', so it cannot leave the models directory. */
    static boolean isDirectoryName(String key) {
        return !key.isEmpty() && !key.contains("/") && !key.contains("\\") && !key.equals(".") && !key.equals("..")
                && key.indexOf('\0') < 0;
    }

    /** A job's {@code baseModel}: a registered id, then a registered name, then a directory under models-dir. */
    @Transactional
    public LanguageModel resolve(String baseModel) {
        String key = baseModel.strip();
        try {
            LanguageModel byId = LanguageModel.findById(UUID.fromString(key));
            if (byId != null) {
                return byId;
            }
        } catch (IllegalArgumentException notAnId) {
            // fall through to names
        }
        LanguageModel byName = LanguageModel.<LanguageModel>find("name = ?1 order by createdAt desc", key)
                .firstResult();
        if (byName != null) {
            return byName;
        }
        if (!isDirectoryName(key)) {
            throw ProblemException.badRequest("'baseModel' must be a registered model's id or name, or the name of a "
                    + "directory under cai.training.models-dir; never a path");
        }
        Path dir = Path.of(config.modelsDir()).resolve(key).toAbsolutePath().normalize();
        if (Files.isDirectory(dir) && CausalLm.missingFiles(dir).isEmpty()) {
            return register(key, directories.confine(dir.toString()).toString(), null);
        }
        throw ProblemException.badRequest("'baseModel' " + key + " is neither a registered model nor a model "
                + "directory under cai.training.models-dir (" + config.modelsDir() + ")");
    }
}
