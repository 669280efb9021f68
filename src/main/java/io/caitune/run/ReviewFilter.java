package io.caitune.run;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Which samples an export (or a training job) takes by their human review: only accepted ones, everything not
 * rejected (the default: unreviewed samples count), or all.
 */
public enum ReviewFilter {
    ACCEPTED("accepted", " and %sreviewState = io.caitune.run.ReviewState.ACCEPTED"),
    NOT_REJECTED("not-rejected", " and (%1$sreviewState is null or %1$sreviewState <> io.caitune.run.ReviewState.REJECTED)"),
    ANY("any", "");

    public static final String DEFAULT = "not-rejected";

    private final String name;
    private final String condition;

    ReviewFilter(String name, String condition) {
        this.name = name;
        this.condition = condition;
    }

    public static Optional<ReviewFilter> byName(String name) {
        return Arrays.stream(values()).filter(f -> f.name.equals(name.toLowerCase(Locale.ROOT))).findFirst();
    }

    public static String names() {
        return Arrays.stream(values()).map(f -> f.name).collect(Collectors.joining(", "));
    }

    /** The JPQL condition, starting with {@code " and"}, on the sample entity (unaliased, as Panache queries are). */
    public String condition() {
        return condition.formatted("");
    }
}
