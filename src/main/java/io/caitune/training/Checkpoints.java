package io.caitune.training;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** A job's {@code epoch-<n>} checkpoint directories: keeps the newest K, as transformers' {@code save_total_limit}. */
public final class Checkpoints {

    private static final Pattern EPOCH = Pattern.compile("epoch-(\\d+)");

    private Checkpoints() {
    }

    public static Path epochDir(Path jobDir, int epoch) {
        return jobDir.resolve("epoch-" + epoch);
    }

    /** Deletes all but the {@code keep} highest-numbered epoch directories; {@code keep <= 0} keeps them all. */
    public static void prune(Path jobDir, int keep) throws IOException {
        if (keep <= 0 || !Files.isDirectory(jobDir)) {
            return;
        }
        List<Path> epochs;
        try (Stream<Path> children = Files.list(jobDir)) {
            epochs = children.filter(p -> EPOCH.matcher(p.getFileName().toString()).matches() && Files.isDirectory(p))
                    .sorted(Comparator.comparingInt(Checkpoints::epochOf).reversed()).toList();
        }
        for (Path old : epochs.subList(Math.min(keep, epochs.size()), epochs.size())) {
            deleteTree(old);
        }
    }

    private static int epochOf(Path dir) {
        Matcher m = EPOCH.matcher(dir.getFileName().toString());
        return m.matches() ? Integer.parseInt(m.group(1)) : -1;
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> tree = Files.walk(dir)) {
            tree.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
