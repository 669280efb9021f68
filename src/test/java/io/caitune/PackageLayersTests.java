package io.caitune;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The feature packages depend one way. This is the one place the layer order is written down (docs/architecture.md
 * draws it): a package may use packages of lower layers only, never one of its own layer or above, so no two
 * packages can form a cycle. Every mention of {@code io.caitune.<package>} in code counts — imports, fully qualified
 * names, JPQL constructor expressions — but not comments.
 */
class PackageLayersTests {

    /** Lowest first. Packages in one layer do not know each other. */
    static final List<List<String>> LAYERS = List.of(
            List.of("config", "web"),
            List.of("security"),
            List.of("constitution"),
            List.of("dataset"),
            List.of("run"),
            List.of("export"),
            List.of("pipeline"),
            List.of("preference"),
            List.of("evaluation", "preview", "review", "training"));

    private static final Path SOURCES = Path.of("src/main/java/io/caitune");
    private static final Pattern REFERENCE = Pattern.compile("\\bio\\.caitune\\.([a-z]+)\\b");

    @Test
    void shouldOnlyUsePackagesOfLowerLayers() throws IOException {
        Map<String, Integer> layerOf = new TreeMap<>();
        for (int i = 0; i < LAYERS.size(); i++) {
            for (String p : LAYERS.get(i)) {
                layerOf.put(p, i);
            }
        }
        List<String> upward = new ArrayList<>();
        TreeSet<String> unplaced = new TreeSet<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Path relative = SOURCES.relativize(file);
                if (relative.getNameCount() < 2) {
                    continue; // io.caitune.ServiceMain dispatches to the features: the top of the house
                }
                String own = relative.getName(0).toString();
                if (!layerOf.containsKey(own)) {
                    unplaced.add(own);
                    continue;
                }
                Matcher m = REFERENCE.matcher(withoutComments(Files.readString(file)));
                TreeSet<String> used = new TreeSet<>();
                while (m.find()) {
                    used.add(m.group(1));
                }
                for (String other : used) {
                    if (other.equals(own)) {
                        continue;
                    }
                    Integer level = layerOf.get(other);
                    if (level == null) {
                        unplaced.add(other);
                    } else if (level >= layerOf.get(own)) {
                        upward.add(relative + " uses " + other + " (layer " + level + ", not below " + own
                                + "'s layer " + layerOf.get(own) + ")");
                    }
                }
            }
        }
        assertThat(unplaced).as("packages missing from LAYERS").isEmpty();
        assertThat(upward).as("uses of a package not below the user's layer").isEmpty();
    }

    @Test
    void shouldSeeAnUpwardReferenceInCodeButNotInComments() {
        String code = "import io.caitune.run.Run;\n// io.caitune.pipeline.X\n/* io.caitune.preference.Y */\n"
                + "String s = \"// not a comment\"; var x = io.caitune.export.Z.of();";
        Matcher m = REFERENCE.matcher(withoutComments(code));
        List<String> found = new ArrayList<>();
        while (m.find()) {
            found.add(m.group(1));
        }
        assertThat(found).containsExactly("run", "export");
    }

    /** The source with comments blanked out; string and character literals are kept as they are. */
    static String withoutComments(String source) {
        StringBuilder out = new StringBuilder(source.length());
        int i = 0;
        while (i < source.length()) {
            char c = source.charAt(i);
            if (c == '"' || c == '\'') {
                boolean block = source.startsWith("\"\"\"", i);
                String end = block ? "\"\"\"" : String.valueOf(c);
                int j = i + end.length();
                while (j < source.length() && !source.startsWith(end, j)) {
                    j += source.charAt(j) == '\\' ? 2 : 1;
                }
                j = Math.min(source.length(), j + end.length());
                out.append(source, i, j);
                i = j;
            } else if (source.startsWith("//", i)) {
                int j = source.indexOf('\n', i);
                i = j < 0 ? source.length() : j;
            } else if (source.startsWith("/*", i)) {
                int j = source.indexOf("*/", i + 2);
                i = j < 0 ? source.length() : j + 2;
                out.append(' ');
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }
}
