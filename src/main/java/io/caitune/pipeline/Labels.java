package io.caitune.pipeline;

import java.util.regex.Pattern;

/** Models often echo the few-shot label ("Critique: ..."); the stored text should not carry it. */
final class Labels {

    private static final Pattern CRITIQUE = Pattern.compile("^\\s*critique\\s*:\\s*", Pattern.CASE_INSENSITIVE);
    private static final Pattern REVISION = Pattern.compile("^\\s*revision\\s*:\\s*", Pattern.CASE_INSENSITIVE);

    private Labels() {
    }

    static String stripCritique(String text) {
        return CRITIQUE.matcher(text).replaceFirst("").strip();
    }

    static String stripRevision(String text) {
        return REVISION.matcher(text).replaceFirst("").strip();
    }
}
