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

        /** Wait applied after a 429 that carries no Retry-After, before the retry's own backoff. */
        @WithDefault("0s")
        java.time.Duration rateLimitPause();

        /**
         * Highest concurrency limit the adaptive limiter may grow to; defaults to {@code cai.pipeline.concurrency}
         * (the limit starts there, backs off on overload and grows back to it). Set it higher to let the limit probe
         * above the configured start.
         */
        java.util.OptionalInt maxConcurrency();

        /**
         * First wait before retrying a call the endpoint was too busy for; it doubles per attempt up to
         * {@code max-retry-delay} (with jitter), within {@code cai.pipeline.stage-budget}. A Retry-After from the
         * endpoint holds every call anyway, and the concurrency limit paces the retries. Other failures (a 500, an
         * unreadable reply) are tried again after this delay too, doubling, a few times only.
         */
        @WithDefault("250ms")
        java.time.Duration retryDelay();

        /** Longest wait between two tries of a call the endpoint was too busy for. */
        @WithDefault("5s")
        java.time.Duration maxRetryDelay();

        /** Lowest concurrency limit the adaptive limiter backs off to. */
        @WithDefault("1")
        int minConcurrency();

        /** Factor applied to the concurrency limit on overload (429, timeout, mostly 5xx): AIMD's decrease. */
        @WithDefault("0.75")
        double backoffRatio();

        /**
         * How long calls must go without overload before the concurrency limit grows by one. Each probe above the
         * endpoint's capacity costs a 429 and its Retry-After pause, so probes are spaced.
         */
        @WithDefault("5s")
        java.time.Duration probeInterval();
    }

    interface Pipeline {
        /**
         * Model calls in flight at once, shared by every run in this process: where the adaptive concurrency limit
         * starts (see {@code cai.endpoint.*-concurrency}).
         */
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

        /**
         * Time budget of one stage (one model call) while the endpoint is busy: 429, 502, 503, 504, timeouts and
         * reset connections are retried (honouring Retry-After) until it is spent; only then, or on an answer that
         * cannot succeed on retry, does the sample fail.
         */
        @WithDefault("30m")
        java.time.Duration stageBudget();

        /**
         * How long a claim on a sample holds without a heartbeat; another replica takes the sample over after that.
         * The claims of samples in flight are renewed every {@code lease-renewal}, so a short lease only means a dead
         * replica's samples move on quickly.
         */
        @WithDefault("30s")
        java.time.Duration lease();

        /**
         * This process's name in sample claims. Defaults to the host name, which is stable across restarts of a
         * pod, so a restarted process takes its own claims back at once. Give each process on one host its own.
         */
        java.util.Optional<String> instanceId();

        /** How often the claims on samples in flight are extended: the heartbeat (a fraction of the lease). */
        @WithDefault("5s")
        java.time.Duration leaseRenewal();

        /** How often unfinished runs are checked for samples whose claims lapsed or whose work items were lost. */
        @WithDefault("10s")
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
