package io.caitune.pipeline;

import java.util.Locale;

/**
 * Recognises a critique that finds nothing to fix, the way LangChain's ConstitutionalChain does ("No critique
 * needed"). Only used when a run asks to skip unneeded revisions; the critique prompt then tells the model that
 * phrase.
 */
final class NoCritique {

    private NoCritique() {
    }

    static boolean says(String critique) {
        String text = critique.strip().toLowerCase(Locale.ROOT);
        return text.startsWith("no critique needed") || text.startsWith("no critique is needed")
                || text.startsWith("no revision needed") || text.startsWith("no revision is needed");
    }
}
