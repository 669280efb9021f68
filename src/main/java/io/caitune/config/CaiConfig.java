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

    Endpoint endpoint();

    Events events();

    interface Events {
        /** Interval between progress events on {@code /api/runs/{id}/events}. */
        @WithDefault("1s")
        java.time.Duration interval();
    }

    /** Limits of the model endpoint, shared by every run in this process. */
    interface Endpoint {
        /** Requests per minute; unlimited when absent. */
        java.util.OptionalInt requestsPerMinute();

        /** Tokens (prompt + completion, as the provider reports them) per minute; unlimited when absent. */
        java.util.OptionalLong tokensPerMinute();

        /** Wait applied after a 429 that carries no Retry-After, before @Retry's own backoff. */
        @WithDefault("0s")
        java.time.Duration rateLimitPause();
    }

    interface Pipeline {
        /** Model calls in flight at once, shared by every run in this process: the endpoint's concurrency cap. */
        @WithDefault("16")
        int concurrency();

        /**
         * Threads taking prompts through their stages. Keep it about a quarter above {@code concurrency}: while some
         * store a result, the others keep every endpoint slot busy.
         */
        @WithDefault("20")
        int workers();

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

        /** Work items handed to the work channel and not yet finished, per process (backpressure window). */
        @WithDefault("256")
        int queueWindow();

        /** How long a claim on a sample holds without progress; another replica may take it over after that. */
        @WithDefault("15m")
        java.time.Duration lease();

        /**
         * This process's name in sample claims. Defaults to the host name, which is stable across restarts of a
         * pod, so a restarted process takes its own claims back at once. Give each process on one host its own.
         */
        java.util.Optional<String> instanceId();

        /** How often the claims on samples in flight are extended (well under the lease). */
        @WithDefault("60s")
        java.time.Duration leaseRenewal();

        /** How often unfinished runs are checked for samples whose claims lapsed or whose work items were lost. */
        @WithDefault("60s")
        java.time.Duration sweepInterval();
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
