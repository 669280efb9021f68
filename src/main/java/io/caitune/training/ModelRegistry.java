package io.caitune.training;

import io.caitune.security.CurrentUser;
import io.caitune.training.model.CausalLm;
import io.caitune.training.model.Gpt2Config;
import io.caitune.training.model.Safetensors;
import io.caitune.web.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The models the service knows: directories registered by users and checkpoints its jobs produced. */
@ApplicationScoped
public class ModelRegistry {

    /** The name column's length (language_model.name). */
    public static final int MAX_NAME = 200;

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
        if (name != null && name.strip().length() > MAX_NAME) {
            throw ProblemException.badRequest("'name' must be at most " + MAX_NAME + " characters (got "
                    + name.strip().length() + ")");
        }
        if (name != null && name.indexOf('\u0000') >= 0) {
            throw ProblemException.badRequest("'name' must not contain NUL characters (U+0000)");
        }
        if (path.indexOf('\u0000') >= 0) {
            throw ProblemException.badRequest("'path' must not contain NUL characters (U+0000)");
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
        try {
            Safetensors.check(dir.resolve(CausalLm.WEIGHTS));
        } catch (IOException e) {
            throw ProblemException.badRequest("'path' " + dir + " has unusable weights: " + CausalLm.WEIGHTS + " "
                    + e.getMessage());
        }
        LanguageModel model = new LanguageModel();
        model.id = UUID.randomUUID();
        String fallbackName = dir.getFileName() == null ? dir.toString() : dir.getFileName().toString();
        model.name = name == null || name.isBlank() ? truncate(fallbackName) : name.strip();
        model.path = dir.toString();
        model.trainingJobId = trainingJobId;
        model.createdAt = Instant.now();
        model.createdBy = CurrentUser.name();
        model.persist();
        return model;
    }

    /** A path from user input; one the file system cannot name (a NUL, a bad character) is a 400, not a 500. */

    private static String truncate(String name) {
        return name.length() <= MAX_NAME ? name : name.substring(0, MAX_NAME);
    }

    @Transactional
    public List<LanguageModel> list() {
        return LanguageModel.list("order by createdAt");
    }

    @Transactional
    public LanguageModel find(UUID id) {
        return ProblemException.found(LanguageModel.findById(id), "Model", id);
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
        if (key.indexOf('\u0000') >= 0) {
            throw ProblemException.badRequest("'baseModel' must not contain NUL characters (U+0000)");
        }
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
        Path dir;
        try {
            dir = Path.of(config.modelsDir()).resolve(key).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            throw ProblemException.badRequest("'baseModel' is neither a registered model nor a valid directory name: "
                    + e.getReason());
        }
        if (Files.isDirectory(dir) && CausalLm.missingFiles(dir).isEmpty()) {
            return register(key, directories.confine(dir.toString()).toString(), null);
        }
        throw ProblemException.badRequest("'baseModel' " + key + " is neither a registered model nor a model "
                + "directory under cai.training.models-dir (" + config.modelsDir() + ")");
    }
}
