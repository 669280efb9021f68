package io.caitune.config;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The service's own settings; provider settings live under {@code quarkus.langchain4j.openai}. */
@ConfigMapping(prefix = "cai")
public interface CaiConfig {

    Pipeline pipeline();

    Datasets datasets();

    Export export();

    interface Pipeline {
        /** Model calls in flight at once, shared by every run in this process. */
        @WithDefault("16")
        int concurrency();

        /** Critique/revision rounds when a run does not say. */
        @WithDefault("1")
        int defaultRevisions();

        /** Upper bound on rounds a run may ask for. */
        @WithDefault("10")
        int maxRevisions();

        /** Prompts a single run may hold (inline or from a dataset). */
        @WithDefault("1000000")
        int maxPrompts();

        /** Pick up runs left QUEUED or RUNNING by a previous process. */
        @WithDefault("true")
        boolean resumeOnStart();
    }

    interface Datasets {
        /** Largest prompts file accepted; bigger uploads get 413. */
        @WithDefault("64M")
        MemorySize maxUploadSize();
    }

    interface Export {
        /** Samples read from the database per query while streaming an export. */
        @WithDefault("500")
        int pageSize();
    }
}
