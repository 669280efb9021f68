package io.caitune.training;

import io.caitune.web.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;

import java.io.IOException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Where model directories may be: under {@code cai.training.models-dir}, the service's own checkpoints
 * ({@code cai.training.checkpoint-dir}) or a directory of {@code cai.training.allowed-model-dirs}. A path is judged
 * lexically first, so nothing outside those roots is ever looked at on disk (the answer must not tell which server
 * files exist), then by its real path, so a symbolic link cannot lead out of them.
 */
@ApplicationScoped
public class ModelDirectories {

    static final String OUTSIDE = "'path' must name a directory inside cai.training.models-dir or "
            + "cai.training.allowed-model-dirs";

    private final TrainingConfig config;

    public ModelDirectories(TrainingConfig config) {
        this.config = config;
    }

    /** The directory a user named, made absolute and real; refused the same way wherever outside the roots. */
    public Path confine(String path) {
        Path requested;
        try {
            requested = Path.of(path.strip()).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            throw outside();
        }
        // lexically, against the roots as configured and as they really are
        List<Path> roots = roots();
        if (!inside(requested, roots)) {
            throw outside();
        }
        if (!inside(realOfDeepestExisting(requested), roots)) {
            throw outside();
        }
        return requested;
    }

    /** The configured roots, each as written (absolute) and as it really is (links resolved); read per call. */
    private List<Path> roots() {
        List<String> configured = new ArrayList<>(List.of(config.modelsDir(), config.checkpointDir()));
        config.allowedModelDirs().ifPresent(configured::addAll);
        List<Path> roots = new ArrayList<>();
        for (String dir : configured) {
            if (!dir.isBlank()) {
                Path absolute = Path.of(dir.strip()).toAbsolutePath().normalize();
                roots.add(absolute);
                roots.add(canonical(absolute));
            }
        }
        return roots;
    }

    private static boolean inside(Path path, List<Path> roots) {
        return roots.stream().anyMatch(path::startsWith);
    }

    /** The real path of the path itself or of its nearest existing ancestor (a missing model is told as such). */
    private static Path realOfDeepestExisting(Path path) {
        for (Path p = path; p != null; p = p.getParent()) {
            try {
                return p.toRealPath();
            } catch (IOException missing) {
                // try the parent
            }
        }
        return path;
    }

    private static Path canonical(Path absolute) {
        try {
            return absolute.toRealPath();
        } catch (IOException notYetCreated) {
            return absolute;
        }
    }

    private static ProblemException outside() {
        return new ProblemException(Response.Status.FORBIDDEN, OUTSIDE);
    }
}
